namespace IctEngine.Report;

/// <summary>
/// Balance and equity at one time, with the equity levels at which the daily-loss and max-loss limits trip
/// (null when unknown).
/// </summary>
public sealed record EquityPoint(DateTime Time, decimal Balance, decimal Equity, decimal? DailyLossLevel, decimal? MaxLossLevel);
