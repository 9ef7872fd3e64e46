namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>fvg(ohlc, join_consecutive)</c>: three-candle gaps stamped on the middle candle, optional left-to-right
    /// merge of same-sign runs onto their last row, and MitigatedIndex = first touch of the near edge from i+2 on
    /// (0 when never touched).
    /// </summary>
    public static FvgResult Fvg(OhlcSeries bars, bool joinConsecutive = false)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var n = bars.Count;
        double[] open = bars.Open, high = bars.High, low = bars.Low, close = bars.Close;
        var fvg = NaNs(n);
        var top = NaNs(n);
        var bottom = NaNs(n);
        for (var i = 1; i + 1 < n; i++)
        {
            var bullish = high[i - 1] < low[i + 1] && close[i] > open[i];
            var bearish = low[i - 1] > high[i + 1] && close[i] < open[i];
            if (!bullish && !bearish)
            {
                continue;
            }

            var up = close[i] > open[i];
            fvg[i] = up ? 1 : -1;
            top[i] = up ? low[i + 1] : low[i - 1];
            bottom[i] = up ? high[i - 1] : high[i + 1];
        }

        if (joinConsecutive)
        {
            for (var i = 0; i + 1 < n; i++)
            {
                if (fvg[i] == fvg[i + 1])
                {
                    top[i + 1] = PyMax(top[i], top[i + 1]);
                    bottom[i + 1] = PyMin(bottom[i], bottom[i + 1]);
                    fvg[i] = top[i] = bottom[i] = double.NaN;
                }
            }
        }

        var mitigated = NaNs(n);
        for (var i = 0; i < n; i++)
        {
            if (double.IsNaN(fvg[i]))
            {
                continue;
            }

            var found = 0;
            for (var j = i + 2; j < n; j++)
            {
                if (fvg[i] == 1 ? low[j] <= top[i] : high[j] >= bottom[i])
                {
                    found = j;
                    break;
                }
            }

            mitigated[i] = found;
        }

        return new FvgResult(fvg, top, bottom, mitigated);
    }

    /// <summary>Python's built-in <c>max(a, b)</c>: the first argument unless the second is strictly greater.</summary>
    private static double PyMax(double a, double b) => b > a ? b : a;

    /// <summary>Python's built-in <c>min(a, b)</c>: the first argument unless the second is strictly smaller.</summary>
    private static double PyMin(double a, double b) => b < a ? b : a;
}
