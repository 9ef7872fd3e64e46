namespace IctEngine.Replay;

/// <summary>
/// Compares a run with a baseline metric by metric. Directional decision metrics (P&amp;L, win rate, drawdown) are a
/// regression when they get worse by more than <see cref="Tolerance"/> (relative); speed metrics by more than
/// <see cref="PerformanceTolerance"/>, because timings are noisy. Neutral counts that change, and any metric that
/// appears or disappears, are warnings: the engine decided differently, which someone should look at.
/// </summary>
public sealed class BaselineComparer
{
    /// <summary>Relative worsening allowed for decision metrics (0.05 = 5%).</summary>
    public decimal Tolerance { get; init; }

    /// <summary>Relative worsening allowed for throughput and latency (0.25 = 25%).</summary>
    public decimal PerformanceTolerance { get; init; } = 0.25m;

    public IReadOnlyList<MetricChange> Compare(RunBaseline baseline, RunBaseline current)
    {
        var before = new Dictionary<string, BaselineMetric>(StringComparer.Ordinal);
        foreach (var metric in baseline.Metrics)
        {
            before[metric.Name] = metric;
        }

        var result = new List<MetricChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var now in current.Metrics)
        {
            seen.Add(now.Name);
            if (!before.TryGetValue(now.Name, out var then))
            {
                result.Add(new MetricChange(now.Name, null, now.Value, null, ComparisonStatus.Warning));
                continue;
            }

            result.Add(Judge(now, then.Value));
        }

        foreach (var then in baseline.Metrics)
        {
            if (!seen.Contains(then.Name))
            {
                result.Add(new MetricChange(then.Name, then.Value, null, null, ComparisonStatus.Warning));
            }
        }

        return result;
    }

    private MetricChange Judge(BaselineMetric now, decimal baseline)
    {
        var delta = now.Value - baseline;
        decimal? relative = baseline != 0 ? delta / Math.Abs(baseline) : (delta == 0 ? 0 : null);
        if (delta == 0)
        {
            return new MetricChange(now.Name, baseline, now.Value, 0, ComparisonStatus.Ok);
        }

        var worse = now.Direction switch
        {
            MetricDirection.HigherIsBetter => delta < 0,
            MetricDirection.LowerIsBetter => delta > 0,
            _ => false,
        };
        var tolerance = now.IsPerformance ? PerformanceTolerance : Tolerance;
        var status = now.Direction == MetricDirection.Neutral
            ? (now.IsPerformance ? ComparisonStatus.Ok : ComparisonStatus.Warning)
            : !worse ? ComparisonStatus.Ok
            : (relative is null || Math.Abs(relative.Value) > tolerance) ? ComparisonStatus.Regression
            : ComparisonStatus.Warning;
        return new MetricChange(now.Name, baseline, now.Value, relative, status);
    }
}
