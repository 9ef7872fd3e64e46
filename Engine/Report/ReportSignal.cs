namespace IctEngine.Report;

/// <summary>
/// A trade signal the strategy raised at <paramref name="Time"/> (<paramref name="Side"/> +1 long, -1 short) with its
/// limit entry, stop and target, and what became of it: <c>traded</c>, <c>denied: REASON</c> (risk), <c>expired</c> or
/// <c>invalidated</c> (the strategy dropped it before the entry was touched), <c>order expired</c> (the limit order was
/// never filled) or <c>pending</c> at the end of the run.
/// </summary>
public sealed record ReportSignal(
    long Id, int Side, int Timeframe, DateTime Time, decimal Entry, decimal Stop, decimal Target, string Outcome)
{
    /// <summary>True when a position was opened from the signal (its trade is drawn instead).</summary>
    public bool Traded => Outcome == "traded";
}
