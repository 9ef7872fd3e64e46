using HdrHistogram;
using IctEngine.Core;

namespace IctEngine.Execution;

/// <summary>
/// What a replay summary reports about trading (trades, win rate, P&amp;L, maximum drawdown, verdicts, execution
/// quality), computed only from the journaled decisions so that it can be recomputed from any journal, never from
/// counters kept on the side. Money in account currency; the drawdown is on the closed-balance curve.
/// </summary>
public sealed class TradeStatistics
{
    private TradeStatistics()
    {
    }

    public int Approved { get; private init; }

    public int Denied { get; private init; }

    public int EntryOrders { get; private init; }

    public int EntryOrdersFilled { get; private init; }

    public int OrdersRejected { get; private init; }

    public int OrdersCancelled { get; private init; }

    public int OrdersExpired { get; private init; }

    public int Fills { get; private init; }

    /// <summary>Positions closed (a position closed in parts is one trade).</summary>
    public int Trades { get; private init; }

    /// <summary>Trades whose net P&amp;L (after commission) is positive.</summary>
    public int Wins { get; private init; }

    public int Losses => Trades - Wins;

    public decimal WinRate => Trades == 0 ? 0 : (decimal)Wins / Trades;

    public Money GrossProfit { get; private init; }

    public Money GrossLoss { get; private init; }

    public Money Commission { get; private init; }

    /// <summary>Net P&amp;L of closed trades, commissions included.</summary>
    public Money NetProfit { get; private init; }

    public decimal ProfitFactor => GrossLoss.Micros == 0 ? 0 : GrossProfit.ToDecimal() / -GrossLoss.ToDecimal();

    /// <summary>Largest peak-to-trough fall of the balance (commissions and realised P&amp;L as journaled).</summary>
    public Money MaxDrawdown { get; private init; }

    /// <summary><see cref="MaxDrawdown"/> as a fraction of the peak it fell from.</summary>
    public decimal MaxDrawdownFraction { get; private init; }

    public Money FinalBalance { get; private init; }

    /// <summary>Entry orders filled ÷ entry orders submitted.</summary>
    public decimal FillRatio => EntryOrders == 0 ? 0 : (decimal)EntryOrdersFilled / EntryOrders;

    /// <summary>Mean adverse slippage per fill, in points (negative: price improvement).</summary>
    public decimal MeanSlippagePoints { get; private init; }

    public long MaxSlippagePoints { get; private init; }

    /// <summary>Signal-to-fill latency percentiles in simulated (event) time.</summary>
    public TimeSpan LatencyP50 { get; private init; }

    public TimeSpan LatencyP90 { get; private init; }

    public TimeSpan LatencyP99 { get; private init; }

    public TimeSpan LatencyMax { get; private init; }

    public static TradeStatistics FromDecisions(IEnumerable<Decision> decisions, decimal initialBalance = 100_000m)
    {
        var histogram = new LongHistogram(TimeSpan.FromDays(7).Ticks / 10, 3);
        var filledEntries = new HashSet<long>();
        int approved = 0, denied = 0, entries = 0, entriesFilled = 0, rejected = 0, cancelled = 0, expired = 0, fills = 0;
        int trades = 0, wins = 0;
        long profit = 0, loss = 0, commission = 0, slippageSum = 0, slippageMax = 0;
        var balance = Money.FromDecimal(initialBalance).Micros;
        var peak = balance;
        long maxDrawdown = 0, peakAtMax = peak;
        foreach (var d in decisions)
        {
            switch (d.Type)
            {
                case DecisionType.RiskApproved:
                    approved++;
                    break;
                case DecisionType.RiskDenied:
                    denied++;
                    break;
                case DecisionType.OrderSubmitted when d.Ref2 == 0:
                    entries++;
                    break;
                case DecisionType.OrderRejected:
                    rejected++;
                    break;
                case DecisionType.OrderCancelled:
                    cancelled++;
                    break;
                case DecisionType.OrderExpired:
                    expired++;
                    break;
                case DecisionType.OrderFilled:
                    fills++;
                    slippageSum += d.D;
                    slippageMax = Math.Max(slippageMax, d.D);
                    commission += d.E;
                    balance -= d.E;
                    // An entry fill's order id is its position id; a second partial fill is not another filled order.
                    if (d.Id != 0 && d.Id == d.Ref2 && filledEntries.Add(d.Id))
                    {
                        entriesFilled++;
                        if (d.F > 0)
                        {
                            histogram.RecordValue(d.F / 1_000);
                        }
                    }

                    break;
                case DecisionType.PositionChanged when d.Code == (int)PositionChangeKind.PartialClose:
                    balance += d.D;
                    break;
                case DecisionType.PositionClosed:
                    trades++;
                    balance += d.F;
                    var net = d.D - d.E;
                    if (net > 0)
                    {
                        wins++;
                        profit += net;
                    }
                    else
                    {
                        loss += net;
                    }

                    break;
            }

            if (balance > peak)
            {
                peak = balance;
            }
            else if (peak - balance > maxDrawdown)
            {
                maxDrawdown = peak - balance;
                peakAtMax = peak;
            }
        }

        var hasLatency = histogram.TotalCount > 0;
        return new TradeStatistics
        {
            Approved = approved, Denied = denied, EntryOrders = entries, EntryOrdersFilled = entriesFilled,
            OrdersRejected = rejected, OrdersCancelled = cancelled, OrdersExpired = expired, Fills = fills,
            Trades = trades, Wins = wins, GrossProfit = new Money(profit), GrossLoss = new Money(loss),
            Commission = new Money(commission), NetProfit = new Money(profit + loss),
            MaxDrawdown = new Money(maxDrawdown),
            MaxDrawdownFraction = peakAtMax <= 0 ? 0 : (decimal)maxDrawdown / peakAtMax,
            FinalBalance = new Money(balance),
            MeanSlippagePoints = fills == 0 ? 0 : (decimal)slippageSum / fills,
            MaxSlippagePoints = slippageMax,
            LatencyP50 = hasLatency ? Micros(histogram.GetValueAtPercentile(50)) : TimeSpan.Zero,
            LatencyP90 = hasLatency ? Micros(histogram.GetValueAtPercentile(90)) : TimeSpan.Zero,
            LatencyP99 = hasLatency ? Micros(histogram.GetValueAtPercentile(99)) : TimeSpan.Zero,
            LatencyMax = hasLatency ? Micros(histogram.GetMaxValue()) : TimeSpan.Zero,
        };
    }

    private static TimeSpan Micros(long micros) => TimeSpan.FromTicks(micros * 10);
}
