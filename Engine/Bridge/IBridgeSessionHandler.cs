namespace IctEngine.Bridge;

/// <summary>
/// What <see cref="BridgeListener"/> drives for each authenticated session (the <see cref="BridgeFeed"/>). Calls
/// for one session come from its reader thread; sessions never overlap (the old one has ended before a new starts).
/// </summary>
public interface IBridgeSessionHandler
{
    void OnSessionStarted(BridgeConnection connection);

    /// <summary>A data frame (anything but handshake, heartbeat and error frames). The payload is valid only during the call.</summary>
    void OnFrame(BridgeMessageType type, ReadOnlySpan<byte> payload);

    void OnSessionEnded(string reason);
}
