namespace IctEngine.Report;

/// <summary>
/// A BOS or CHoCH: a line at <paramref name="Level"/> from the broken swing (<paramref name="From"/>) to the bar that
/// broke it (<paramref name="To"/>). <paramref name="Direction"/> is +1 bullish, -1 bearish.
/// </summary>
public sealed record ReportStructureBreak(
    long Id, StructureBreakKind Kind, int Direction, int Timeframe, decimal Level, DateTime From, DateTime To)
{
    /// <summary>Internal (short swings) or swing (long swings) structure.</summary>
    public StructureScope Scope { get; init; } = StructureScope.Internal;

    /// <summary>The chart label, e.g. <c>BOS↑</c> (internal) or <c>CHoCH↓ swing</c>.</summary>
    public string Label => (Kind == StructureBreakKind.Bos ? "BOS" : "CHoCH") + (Direction > 0 ? "↑" : "↓")
        + (Scope == StructureScope.Swing ? " swing" : Scope == StructureScope.Pattern ? " pattern" : "");
}
