using IctEngine.Smc.Reference;

namespace IctEngine.Tests.Smc.Reference;

/// <summary>Small hand-made series for the reference functions.</summary>
internal static class TestBars
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0);

    /// <summary>15-minute bars from <see cref="Start"/>, volume 0.</summary>
    public static OhlcSeries Ohlc(params (double O, double H, double L, double C)[] bars) =>
        Ohlcv(bars.Select(b => (b.O, b.H, b.L, b.C, 0.0)).ToArray());

    public static OhlcSeries Ohlcv(params (double O, double H, double L, double C, double V)[] bars) => new(
        bars.Select((_, i) => Start.AddMinutes(15 * i)).ToArray(),
        bars.Select(b => b.O).ToArray(),
        bars.Select(b => b.H).ToArray(),
        bars.Select(b => b.L).ToArray(),
        bars.Select(b => b.C).ToArray(),
        bars.Select(b => b.V).ToArray());

    /// <summary>Bars at given times with only high/low mattering (open = close = the midpoint).</summary>
    public static OhlcSeries HighLowAt(DateTime[] times, double[] high, double[] low) => new(
        times,
        high.Select((h, i) => (h + low[i]) / 2).ToArray(),
        high,
        low,
        high.Select((h, i) => (h + low[i]) / 2).ToArray(),
        new double[times.Length]);

    /// <summary>Bars with only high/low given (open = close = the midpoint), 15 minutes apart.</summary>
    public static OhlcSeries HighLow(double[] high, double[] low) =>
        HighLowAt(high.Select((_, i) => Start.AddMinutes(15 * i)).ToArray(), high, low);

    /// <summary>A swing table given as (row, type) pairs, levels taken from the bars.</summary>
    public static SwingHighsLowsResult Swings(OhlcSeries bars, params (int Row, int Type)[] swings)
    {
        var hl = Enumerable.Repeat(double.NaN, bars.Count).ToArray();
        var level = Enumerable.Repeat(double.NaN, bars.Count).ToArray();
        foreach (var (row, type) in swings)
        {
            hl[row] = type;
            level[row] = type == 1 ? bars.High[row] : bars.Low[row];
        }

        return new SwingHighsLowsResult(hl, level);
    }
}
