namespace IctEngine.Bench.Ring;

/// <summary>The 16-byte slot of the ring benchmarks (the size Disruptor-net's figures were measured with).</summary>
public struct BenchEvent
{
    public long Value;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp at publish (latency scenarios).</summary>
    public long PublishedAt;
}
