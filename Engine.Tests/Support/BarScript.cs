using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;

namespace IctEngine.Tests.Support;

/// <summary>Hand-made M15 bar sequences for detector tests: bars from closes (open = previous close, wicks ±1 unit).</summary>
public static class BarScript
{
    public static readonly long Start = Timestamp.Parse("2014-05-05 00:00:00").UnixNanoseconds;

    public static Bar At(int i, long open, long high, long low, long close) =>
        new(Start + (i * 15 * Timestamp.NanosPerMinute), Start + ((i + 1) * 15 * Timestamp.NanosPerMinute), open, high, low, close);

    public static List<Bar> FromCloses(params long[] closes)
    {
        var bars = new List<Bar>();
        var open = closes[0];
        for (var i = 0; i < closes.Length; i++)
        {
            var c = closes[i];
            bars.Add(At(i, open, Math.Max(open, c) + 1, Math.Min(open, c) - 1, c));
            open = c;
        }

        return bars;
    }

    /// <summary>Options for small hand-made cases: swing lengths 2 and 3, no strategy, nothing on the context timeframe.</summary>
    public static SmcOptions SmallOptions(int contextTimeframe = 0) => new()
    {
        Timeframes = [900],
        ShortSwingLength = 2,
        LongSwingLength = 3,
        BarCapacity = 64,
        AtrPeriod = 3,
        JournalBarsFromSeconds = int.MaxValue,
        ContextTimeframeSeconds = contextTimeframe,
        DailyBoundary = DailyBoundary.UtcMidnight,
        PreviousPeriods = [3600],
        Strategy = new() { Enabled = false },
    };
}
