namespace IctEngine.Report;

/// <summary>
/// One position from entry to exit. <paramref name="Side"/> is +1 long, -1 short; <paramref name="Lots"/> the volume;
/// <paramref name="Pnl"/> realised money in account currency; <paramref name="RMultiple"/> the result in units of the
/// initial risk (entry to stop). <paramref name="StructureIds"/> are the structures that justified the trade.
/// An open trade has no exit.
/// </summary>
public sealed record ReportTrade(
    long Id,
    string Symbol,
    int Side,
    DateTime EntryTime,
    decimal EntryPrice,
    DateTime? ExitTime,
    decimal? ExitPrice,
    decimal Lots,
    decimal? Stop,
    decimal? Target,
    decimal Pnl,
    decimal? RMultiple,
    IReadOnlyList<long> StructureIds)
{
    /// <summary>Why the position closed (<c>StopLoss</c>, <c>TakeProfit</c>, ...), null while open.</summary>
    public string? ExitReason { get; init; }

    /// <summary>The cited structures in words, e.g. <c>trigger: CHoCH↓ M5 05-05 07:30</c>, in <see cref="StructureIds"/> order.</summary>
    public IReadOnlyList<string> Justification { get; init; } = [];
}
