namespace IctEngine.Ring;

/// <summary>How a thread waits for a sequence (a consumer for its predecessor, a producer for free slots).</summary>
public enum WaitStrategyKind
{
    /// <summary>Spins on the sequence: lowest latency, burns a core per waiting thread.</summary>
    BusySpin = 0,

    /// <summary>Spins briefly, then yields the core between checks: low latency, polite under contention.</summary>
    Yielding = 1,

    /// <summary>Spins, yields, then sleeps a millisecond between checks: little CPU when idle, ms latency.</summary>
    Sleeping = 2,

    /// <summary>Spins briefly, then sleeps on a monitor; publishers signal only when someone is asleep.</summary>
    Blocking = 3,
}
