using System.Text.Json;
using IctEngine.Journal;

namespace IctEngine.Replay;

/// <summary>
/// The metrics of one run, computed from its journaled events only: decisions (signals, trades, P&amp;L, drawdown,
/// rejects per reason…) and the RunCompleted event's measured speed (throughput, stage latency percentiles).
/// </summary>
public sealed class RunBaseline
{
    public required string RunId { get; init; }

    public required IReadOnlyList<BaselineMetric> Metrics { get; init; }

    public static RunBaseline FromStore(IEventStore store, string runId)
    {
        var run = RunCatalog.FindRun(store, runId)
            ?? throw new InvalidDataException($"Run '{runId}' is not in {store.Description}.");
        var manifest = ReplayManifest.FromJson(run.ConfigurationJson);
        var m = RunMetrics.FromDecisions(RunCatalog.ReadDecisions(store, runId).Select(x => x.Decision), manifest.Settings.Risk.InitialBalance);
        var t = m.Trades;
        var metrics = new List<BaselineMetric>
        {
            new("decisions", m.Decisions, MetricDirection.Neutral, false),
            new("signals", m.Signals, MetricDirection.Neutral, false),
            new("verdicts.approved", t.Approved, MetricDirection.Neutral, false),
            new("verdicts.denied", t.Denied, MetricDirection.Neutral, false),
            new("fills", t.Fills, MetricDirection.Neutral, false),
            new("trades", t.Trades, MetricDirection.Neutral, false),
            new("winRate", decimal.Round(t.WinRate, 6), MetricDirection.HigherIsBetter, false),
            new("netPnl", t.NetProfit.ToDecimal(), MetricDirection.HigherIsBetter, false),
            new("maxDrawdown", t.MaxDrawdown.ToDecimal(), MetricDirection.LowerIsBetter, false),
            new("rejects.total", m.Rejected, MetricDirection.Neutral, false),
        };
        foreach (var (reason, count) in m.RejectsByReason())
        {
            metrics.Add(new BaselineMetric("rejects." + reason, count, MetricDirection.Neutral, false));
        }

        if (run.SummaryJson is { } summaryJson)
        {
            var summary = JsonSerializer.Deserialize<ReplaySummary>(summaryJson, ReplaySummary.JsonOptions);
            if (summary is not null)
            {
                metrics.Add(new BaselineMetric("ticksPerSecond", (decimal)summary.TicksPerSecond, MetricDirection.HigherIsBetter, true));
                foreach (var stage in summary.StageLatency)
                {
                    metrics.Add(new BaselineMetric($"latency.{stage.Stage}.p50Ns", stage.P50Ns, MetricDirection.LowerIsBetter, true));
                    metrics.Add(new BaselineMetric($"latency.{stage.Stage}.p99Ns", stage.P99Ns, MetricDirection.LowerIsBetter, true));
                }
            }
        }

        return new RunBaseline { RunId = runId, Metrics = metrics };
    }
}
