namespace IctEngine.Smc.Reference;

/// <summary>
/// Candles in row order, as the reference library sees a pandas frame: positional rows 0..Count-1 with a naive
/// timestamp (the library never attaches a zone unless asked) and float64 prices. Prices stay <c>double</c> here on
/// purpose: the reference batch mode must reproduce the library's float arithmetic bit for bit.
/// </summary>
public sealed class OhlcSeries
{
    public OhlcSeries(DateTime[] times, double[] open, double[] high, double[] low, double[] close, double[] volume)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(high);
        ArgumentNullException.ThrowIfNull(low);
        ArgumentNullException.ThrowIfNull(close);
        ArgumentNullException.ThrowIfNull(volume);
        var n = times.Length;
        if (open.Length != n || high.Length != n || low.Length != n || close.Length != n || volume.Length != n)
        {
            throw new ArgumentException("All columns of an OHLC series must have the same length.");
        }

        Times = times;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
    }

    public int Count => Times.Length;

    /// <summary>Naive bar times (read as written in the file; the fixtures are UTC).</summary>
    public DateTime[] Times { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    /// <summary>Volume column (0 when the input had none).</summary>
    public double[] Volume { get; }
}
