namespace IctEngine.Pipeline;

/// <summary>What a ring slot carries.</summary>
public enum EngineEventKind : byte
{
    None = 0,

    /// <summary>A market tick (<see cref="EngineEvent.Tick"/>).</summary>
    Tick = 1,

    /// <summary>Time passed without a tick (<see cref="EngineEvent.TimeNs"/>): closes bars, expires orders live.</summary>
    Timer = 2,

    /// <summary>A live broker report (<see cref="EngineEvent.Report"/>) published by the bridge.</summary>
    BrokerReport = 3,
}
