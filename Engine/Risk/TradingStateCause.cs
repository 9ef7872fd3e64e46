namespace IctEngine.Risk;

/// <summary>Why the trading state changed (TradingStateChanged.B). Journaled: append, never renumber.</summary>
public enum TradingStateCause
{
    None = 0,

    /// <summary>The operator asked for it.</summary>
    Operator = 1,

    /// <summary>The daily-loss guard fired.</summary>
    DailyLoss = 2,

    /// <summary>The maximum-loss guard fired (stays until the operator resumes).</summary>
    MaxLoss = 3,

    /// <summary>The Prague-midnight reset lifted a daily-loss halt.</summary>
    DailyReset = 4,
}
