namespace IctEngine.Bridge;

/// <summary>State of the bridge as health checks see it.</summary>
public enum BridgeConnectionState
{
    /// <summary>Not started or stopped.</summary>
    Stopped,

    /// <summary>Listening, no authenticated terminal (never connected yet, or disconnected: degraded).</summary>
    Disconnected,

    /// <summary>An authenticated terminal session is active.</summary>
    Connected,
}
