namespace IctEngine.Smc.Structure;

/// <summary>What an SMC id names; part of the id (see <see cref="SmcId"/>), so values are stable: append only.</summary>
public enum SmcIdKind
{
    Bar = 1,
    ShortSwing = 2,
    LongSwing = 3,
    PatternBreak = 4,
    InternalBreak = 5,
    SwingBreak = 6,
    OrderBlock = 7,
    FairValueGap = 8,
    Liquidity = 9,
    Sweep = 10,
    PreviousHighLow = 11,
    Session = 12,
    BreakerBlock = 13,
    Retracement = 14,
    Signal = 15,
}
