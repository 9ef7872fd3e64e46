namespace IctEngine.Risk;

/// <summary>Why a signal was denied (RiskDenied.Code). Journaled: append, never renumber.</summary>
public enum RiskDenyReason
{
    None = 0,
    TradingHalted = 1,

    /// <summary>The account is reducing and the signal would add exposure.</summary>
    Reducing = 2,

    /// <summary>Unknown symbol, no quote yet, bad direction, or entry/stop on the wrong side.</summary>
    InvalidSignal = 3,
    NoStopLoss = 4,

    /// <summary>The risk budget buys less than the instrument's minimum volume.</summary>
    SizeBelowMinimum = 5,
    MaxOpenPositions = 6,
    MaxPositionsPerSymbol = 7,
    MaxVolumePerSymbol = 8,
    MaxTotalVolume = 9,
    OrderRateLimit = 10,

    /// <summary>Same-direction exposure on highly correlated symbols is already at its limit.</summary>
    Correlated = 11,

    /// <summary>Today's loss plus the worst case of open risk and this trade would come within the safety margin of the daily limit.</summary>
    DailyLossMargin = 12,

    /// <summary>The same against the maximum-loss floor.</summary>
    MaxLossMargin = 13,
}
