namespace IctEngine.Bridge;

/// <summary>Outcome of reading one frame from a <see cref="FrameBuffer"/> or a <see cref="BridgeConnection"/>.</summary>
public enum FrameReadStatus
{
    /// <summary>A complete frame is available.</summary>
    Frame,

    /// <summary>The bytes so far are a valid prefix; more are needed.</summary>
    NeedMoreData,

    /// <summary>The length field is impossible: the stream cannot be resynchronised and must be closed.</summary>
    Malformed,

    /// <summary>The peer closed the connection (or it was reset or closed locally).</summary>
    Closed,

    /// <summary>Nothing arrived within the timeout.</summary>
    TimedOut,
}
