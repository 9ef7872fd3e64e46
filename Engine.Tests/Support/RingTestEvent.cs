namespace IctEngine.Tests.Support;

/// <summary>The slot type of the ring and pipeline tests.</summary>
public struct RingTestEvent
{
    /// <summary>Per-producer counter: 0, 1, 2, ... for each producer.</summary>
    public long Value;

    public int Producer;

    /// <summary>The index (1-based) of the last stage that processed the slot; the producer writes 0.</summary>
    public int Stage;
}
