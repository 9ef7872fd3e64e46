namespace IctEngine.Replay;

/// <summary>A metric's baseline and current values, the relative change and the verdict.</summary>
public sealed record MetricChange(string Name, decimal? Baseline, decimal? Current, decimal? RelativeChange, ComparisonStatus Status);
