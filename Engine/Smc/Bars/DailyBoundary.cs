namespace IctEngine.Smc.Bars;

/// <summary>Where a trading day (and so D1 and H4 bars) starts.</summary>
public enum DailyBoundary
{
    /// <summary>00:00 UTC.</summary>
    UtcMidnight = 0,

    /// <summary>17:00 America/New_York (the FX convention), following US daylight saving: 21:00 or 22:00 UTC.</summary>
    NewYork1700 = 1,
}
