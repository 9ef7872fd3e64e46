using IctEngine.Core;
using IctEngine.Smc.Bars;

namespace IctEngine.Smc.Structure;

/// <summary>What every detector of one symbol/timeframe shares: identity, bars, ATR, options and the emitter.</summary>
public sealed class SmcSeriesContext
{
    public SmcSeriesContext(int symbolId, int digits, int timeframeSlot, int timeframeSeconds, SmcOptions options, DecisionEmitter emitter)
    {
        SymbolId = symbolId;
        Digits = digits;
        TimeframeSlot = timeframeSlot;
        TimeframeSeconds = timeframeSeconds;
        Options = options;
        Emitter = emitter;
        Bars = new BarSeries(options.BarCapacity);
        Atr = new AverageTrueRange(options.AtrPeriod);
    }

    public int SymbolId { get; }

    public int Digits { get; }

    public int TimeframeSlot { get; }

    public int TimeframeSeconds { get; }

    public SmcOptions Options { get; }

    public DecisionEmitter Emitter { get; }

    public BarSeries Bars { get; }

    public AverageTrueRange Atr { get; }

    public long Id(SmcIdKind kind, int sub, long barIndex) => SmcId.Make(SymbolId, TimeframeSlot, kind, sub, barIndex);

    /// <summary>A decision pre-filled with this series' symbol and timeframe.</summary>
    public Decision NewDecision(DecisionType type, int code, long id) => new()
    {
        Type = type,
        Code = code,
        SymbolId = SymbolId,
        Timeframe = TimeframeSeconds,
        Id = id,
    };

    /// <summary>Float32 tie direction of a level, or 0 (strict comparisons) unless reference ties are enabled.</summary>
    public int TieOf(long level) => Options.ReferenceFloat32Ties ? Float32Tie.Direction(level, Digits) : 0;

    /// <summary>price &gt; level as the reference compares it (level rounded to float32 when enabled).</summary>
    public static bool Above(long price, long level, int tie) => price > level || (price == level && tie < 0);

    /// <summary>price &lt; level as the reference compares it.</summary>
    public static bool Below(long price, long level, int tie) => price < level || (price == level && tie > 0);
}
