namespace IctEngine.Pipeline;

/// <summary>Latency percentiles of one stage, from slot publication to the end of the stage, in nanoseconds.</summary>
public sealed record StageLatency(string Stage, long Samples, long P50Ns, long P99Ns, long P999Ns, long P9999Ns, long MaxNs, double MeanNs = 0);
