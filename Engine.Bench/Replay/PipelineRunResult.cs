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
    long Decisions,
    long? WriterCpuNs = null)
{
    public double TicksPerSecond => Ticks / Elapsed.TotalSeconds;

    public double NsPerTick => Elapsed.TotalNanoseconds / Ticks;

    /// <summary>The journal writer thread's CPU per decision (ns), or null (no store, or no /proc).</summary>
    public double? WriterNsPerDecision => WriterCpuNs is { } ns && Decisions > 0 ? ns / (double)Decisions : null;
}
