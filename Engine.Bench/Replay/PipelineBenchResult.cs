namespace IctEngine.Bench.Replay;

/// <summary>One row of the pipeline benchmark's JSON: a scenario's median figures (nulls where not measured).</summary>
public sealed record PipelineBenchResult(
    string Section,
    string Scenario,
    string Input,
    string Threading,
    long Ticks,
    double? TicksPerSecond,
    double? NsPerTick,
    string? Stage = null,
    long? P50Ns = null,
    long? P99Ns = null,
    long? P999Ns = null,
    long? P9999Ns = null,
    long? MaxNs = null,
    double? BytesPerTick = null,
    long? Gen0 = null,
    long? Gen1 = null,
    long? Gen2 = null,
    long? PeakWorkingSetBytes = null)
{
    /// <summary>The journal writer thread's CPU per journaled decision (ns; median of the runs), for replays into a store.</summary>
    public double? WriterNsPerDecision { get; init; }
}
