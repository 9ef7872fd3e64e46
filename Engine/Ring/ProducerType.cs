namespace IctEngine.Ring;

/// <summary>Which sequencer claims slots.</summary>
public enum ProducerType
{
    /// <summary>Exactly one thread publishes: claims are free of atomic operations.</summary>
    Single = 0,

    /// <summary>Any number of threads publish (bridge feed, broker reports, timers): claims are one atomic add.</summary>
    Multi = 1,
}
