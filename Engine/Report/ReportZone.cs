namespace IctEngine.Report;

/// <summary>
/// A shaded price zone (order block, fair value gap, breaker block) from <paramref name="Start"/> to
/// <paramref name="End"/>: the mitigation time when <paramref name="Mitigated"/>, else the end of the run.
/// <paramref name="Direction"/> is +1 bullish, -1 bearish.
/// </summary>
public sealed record ReportZone(
    long Id, ZoneKind Kind, int Direction, int Timeframe, decimal Top, decimal Bottom, DateTime Start, DateTime End, bool Mitigated);
