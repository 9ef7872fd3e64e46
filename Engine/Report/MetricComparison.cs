using IctEngine.Replay;

namespace IctEngine.Report;

/// <summary>One row of the baseline comparison table; values are preformatted text.</summary>
public sealed record MetricComparison(string Metric, string Baseline, string Current, string Change, ComparisonStatus Status);
