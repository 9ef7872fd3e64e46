namespace IctEngine.Risk;

/// <summary>Which guard a LimitBreached decision reports (its Code). Journaled: append, never renumber.</summary>
public enum LimitKind
{
    None = 0,

    /// <summary>Equity fell to the daily-loss guard (the limit less the breach buffer).</summary>
    DailyLoss = 1,

    /// <summary>Equity fell to the maximum-loss guard (the floor plus the breach buffer).</summary>
    MaxLoss = 2,
}
