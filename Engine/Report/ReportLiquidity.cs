namespace IctEngine.Report;

/// <summary>
/// A liquidity level (equal highs/lows, a swing cluster) resting from <paramref name="Start"/>; <paramref name="Side"/>
/// is +1 for buy-side liquidity above highs, -1 for sell-side below lows. When swept, <paramref name="SweptAt"/> is the
/// sweep time and <paramref name="SweepPrice"/> the extreme price that took it.
/// </summary>
public sealed record ReportLiquidity(
    long Id, int Side, int Timeframe, decimal Level, DateTime Start, DateTime? SweptAt, decimal? SweepPrice);
