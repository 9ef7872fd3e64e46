using System.Text.Json;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Replay;
using Serilog;

namespace IctEngine.Host.Live;

/// <summary>
/// What <c>ict run</c> believed before it was restarted: the earlier live runs in the same store, whose journaled
/// decisions are applied (oldest run first, in journal order) to the new pipeline's risk stage and account, so the
/// account, the positions and the orders are rebuilt and no client order id is reused. Reconciliation decisions of
/// earlier runs are part of their journals, so a chain of restarts rebuilds to the same state. Replay runs sharing
/// the store are not live and are skipped. Runs once at start-up, before the pipeline starts; off the hot path.
/// </summary>
public static class LiveRunHistory
{
    private static readonly ILogger Logger = Log.ForContext(typeof(LiveRunHistory));

    /// <summary>True when the run was made by <c>ict run</c> (summary mode, operations stream or its recordings' names).</summary>
    public static bool IsLive(RunInfo run)
    {
        if (run.SummaryJson is { } summary && SummaryMode(summary) == "live")
        {
            return true;
        }

        var operations = JournalStreams.Symbol(run.RunId, "operations");
        foreach (var stream in run.Streams)
        {
            if (stream.Name == operations)
            {
                return true;
            }
        }

        return run.ConfigurationJson.Contains($"-{run.RunId}.ticks", StringComparison.Ordinal);
    }

    /// <summary>
    /// Applies every decision of the earlier live runs (not <paramref name="currentRunId"/>) to the pipeline and
    /// continues the client order ids after theirs. Returns the ids of the runs applied, oldest first.
    /// </summary>
    public static IReadOnlyList<string> Rebuild(IEventStore store, string currentRunId, TradingPipeline pipeline)
    {
        var applied = new List<string>();
        long decisions = 0;
        long lastOrderId = 0;
        foreach (var run in RunCatalog.ListRuns(store))
        {
            if (run.RunId == currentRunId || !IsLive(run))
            {
                continue;
            }

            foreach (var (_, decision) in RunCatalog.ReadDecisions(store, run.RunId))
            {
                pipeline.Risk.Apply(decision);
                pipeline.Account.Apply(decision);
                if (decision.Type == DecisionType.OrderSubmitted)
                {
                    lastOrderId = Math.Max(lastOrderId, decision.Id);
                }

                decisions++;
            }

            applied.Add(run.RunId);
        }

        if (applied.Count > 0)
        {
            pipeline.Execution.ResumeAfter(Math.Max(lastOrderId, pipeline.Account.Orders.MaxClientOrderId()));
            Logger.Information("Rebuilt from {Decisions} decisions of {Runs} earlier live run(s) ({Last}): balance {Balance}, {Positions} open position(s), trading {State}; next client order id {Next}",
                decisions, applied.Count, applied[^1], new Money(pipeline.Account.BalanceMicros).ToDecimal(), pipeline.Account.PositionCount,
                pipeline.Risk.State, pipeline.Execution.NextClientOrderId);
        }

        return applied;
    }

    private static string? SummaryMode(string summary)
    {
        try
        {
            using var json = JsonDocument.Parse(summary);
            return json.RootElement.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String ? mode.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
