using IctEngine.Pipeline;

namespace IctEngine.Bench.Replay;

/// <summary>What one pipeline run measured.</summary>
public sealed record PipelineRunResult(
    long Ticks,
    TimeSpan Elapsed,
    long AllocatedBytes,
    int Gen0,
    int Gen1,
    int Gen2,
    IReadOnlyList<StageLatency> Latency,
    IReadOnlyList<StageLatency> Service,
    long Decisions)
{
    public double TicksPerSecond => Ticks / Elapsed.TotalSeconds;

    public double NsPerTick => Elapsed.TotalNanoseconds / Ticks;
}
