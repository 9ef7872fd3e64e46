using IctEngine.Smc.Bars;
using IctEngine.Smc.Strategy;
using IctEngine.Smc.Structure;

namespace IctEngine.Smc;

/// <summary>Configuration of the SMC stage: bars, detectors and the strategy (docs/SMC.md lists every option).</summary>
public sealed class SmcOptions
{
    /// <summary>Bar timeframes in seconds, each a divisor of a day or 86400; ascending.</summary>
    public IReadOnlyList<int> Timeframes { get; init; } = [60, 300, 900, 3600, 14_400, 86_400];

    public DailyBoundary DailyBoundary { get; init; } = DailyBoundary.NewYork1700;

    /// <summary>Closed bars kept per symbol/timeframe (power of two); bounds every look-back.</summary>
    public int BarCapacity { get; init; } = 1024;

    /// <summary>BarClosed is journaled for timeframes of at least this many seconds (0: all; int.MaxValue: none).</summary>
    public int JournalBarsFromSeconds { get; init; } = 300;

    /// <summary>Short (internal) swing length: the reference's swing_length; feeds the pattern BOS/CHoCH, OBs and liquidity.</summary>
    public int ShortSwingLength { get; init; } = 5;

    /// <summary>Long (swing) structure length; feeds the swing trend and premium/discount.</summary>
    public int LongSwingLength { get; init; } = 20;

    public int AtrPeriod { get; init; } = 14;

    /// <summary>Run the reference 4-swing BOS/CHoCH pattern detector as well as the trend-based ones.</summary>
    public bool PatternStructure { get; init; } = true;

    public bool FvgJoinConsecutive { get; init; }

    /// <summary>Minimum FVG size as a fraction of ATR (0 = every gap, as the reference).</summary>
    public decimal FvgMinAtrFraction { get; init; }

    public bool ObCloseMitigation { get; init; }

    /// <summary>Equal highs/lows tolerance as a fraction of ATR (basis points of ATR: 1000 = 0.1 ATR).</summary>
    public long EqualLevelAtrBp { get; init; } = 1000;

    /// <summary>Fixed equal highs/lows tolerance in price units; overrides the ATR fraction when positive.</summary>
    public long EqualLevelToleranceUnits { get; init; }

    /// <summary>Premium above, discount below these positions of the swing range (basis points; 5250/4750 = ±2.5 % band).</summary>
    public long PremiumFromBp { get; init; } = 5250;

    public long DiscountBelowBp { get; init; } = 4750;

    /// <summary>Optimal trade entry band, retracement basis points (0.62–0.79).</summary>
    public long OteFromBp { get; init; } = 6200;

    public long OteToBp { get; init; } = 7900;

    /// <summary>Active OBs / FVGs kept per detector; pending pattern structures; liquidity pools.</summary>
    public int ActiveZoneCapacity { get; init; } = 512;

    public int PendingStructureCapacity { get; init; } = 256;

    public int LiquidityCapacity { get; init; } = 128;

    /// <summary>Timeframe on which sessions/killzones and previous period highs/lows are tracked (0: none).</summary>
    public int ContextTimeframeSeconds { get; init; } = 300;

    /// <summary>Previous-period levels tracked on the context timeframe (seconds: 14400, 86400, 604800...; at most 5).</summary>
    public IReadOnlyList<int> PreviousPeriods { get; init; } = [86_400, 604_800];

    public IReadOnlyList<SessionWindow> Sessions { get; init; } = SessionWindow.IctDefaults;

    /// <summary>Compare prices with levels as the reference does (float32-rounded levels decide exact ties). Off by default.</summary>
    public bool ReferenceFloat32Ties { get; init; }

    public StrategyOptions Strategy { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent option.</summary>
    public void Validate()
    {
        var previous = 0;
        foreach (var tf in Timeframes)
        {
            if (tf <= previous || 86_400 % tf != 0)
            {
                throw new ArgumentException($"SMC timeframes must be ascending divisors of a day; {tf} is not.");
            }

            previous = tf;
        }

        if (Timeframes.Count > 16)
        {
            throw new ArgumentException("At most 16 SMC timeframes.");
        }

        if (PreviousPeriods.Count > 5)
        {
            throw new ArgumentException("At most 5 previous-period levels.");
        }

        if (Sessions.Count > 16)
        {
            throw new ArgumentException("At most 16 sessions/killzones.");
        }

        if (BarCapacity < (2 * Math.Max(ShortSwingLength, LongSwingLength)) + 2)
        {
            throw new ArgumentException($"BarCapacity {BarCapacity} is too small for swing length {Math.Max(ShortSwingLength, LongSwingLength)}.");
        }
    }
}
