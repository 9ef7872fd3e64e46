using IctEngine.Core;
using IctEngine.Execution;

namespace IctEngine.Replay;

/// <summary>
/// What a run decided, computed only from its decision stream (the journal): rejects by reason, structure by
/// kind, signals, verdicts, orders, fills, trades, P&amp;L, drawdown and execution quality.
/// </summary>
public sealed class RunMetrics
{
    private RunMetrics(DecisionTally tally, TradeStatistics trades)
    {
        Tally = tally;
        Trades = trades;
    }

    public DecisionTally Tally { get; }

    public TradeStatistics Trades { get; }

    public long Decisions => Tally.Total;

    public long Rejected => Tally.Count(DecisionType.TickRejected);

    public long Signals => Tally.Count(DecisionType.SignalRaised);

    public static RunMetrics FromDecisions(IEnumerable<Decision> decisions, decimal initialBalance)
    {
        var tally = new DecisionTally();
        var list = new List<Decision>();
        foreach (var decision in decisions)
        {
            tally.Add(decision);
            list.Add(decision);
        }

        return new RunMetrics(tally, TradeStatistics.FromDecisions(list, initialBalance));
    }

    /// <summary>Rejected ticks by reason name.</summary>
    public IReadOnlyDictionary<string, long> RejectsByReason()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in Tally.ByCode(DecisionType.TickRejected))
        {
            result[((RejectReason)code).ToString()] = count;
        }

        return result;
    }

    /// <summary>Structure decisions (bars, swings, breaks, zones, liquidity, sessions…) by decision type name.</summary>
    public IReadOnlyDictionary<string, long> StructureByKind()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (type, count) in Tally.ByType())
        {
            if ((int)type is >= 100 and < 200)
            {
                result[type.ToString()] = count;
            }
        }

        return result;
    }

    /// <summary>Denied verdicts by reason code name.</summary>
    public IReadOnlyDictionary<string, long> DenialsByReason()
    {
        var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in Tally.ByCode(DecisionType.RiskDenied))
        {
            result[((Risk.RiskDenyReason)code).ToString()] = count;
        }

        return result;
    }
}
