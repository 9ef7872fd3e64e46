namespace IctEngine.Replay;

/// <summary>One named metric of a run, with the direction that is better and whether it measures speed (noisy).</summary>
public sealed record BaselineMetric(string Name, decimal Value, MetricDirection Direction, bool IsPerformance);
