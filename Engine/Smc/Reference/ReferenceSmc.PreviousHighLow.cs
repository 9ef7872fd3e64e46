namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>previous_high_low(ohlc, time_frame)</c>: resample into pandas bins (empty ones dropped); for a bar at t with
    /// k bin labels strictly before t, the reference bin is the k-2-th (NaN when k &lt; 2). Broken flags track the
    /// running high/low since the reference bin last changed, against the float32 levels.
    /// </summary>
    public static PreviousHighLowResult PreviousHighLow(OhlcSeries bars, PandasFrequency timeFrame)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(timeFrame);
        var n = bars.Count;
        var labels = timeFrame.BinLabels(bars.Times);
        var bins = new SortedDictionary<DateTime, (double High, double Low)>();
        for (var i = 0; i < n; i++)
        {
            bins[labels[i]] = bins.TryGetValue(labels[i], out var b)
                ? (Math.Max(b.High, bars.High[i]), Math.Min(b.Low, bars.Low[i]))
                : (bars.High[i], bars.Low[i]);
        }

        var binTimes = bins.Keys.ToArray();
        var binValues = bins.Values.ToArray();
        var previousHigh = NaNs(n);
        var previousLow = NaNs(n);
        var brokenHigh = new int[n];
        var brokenLow = new int[n];
        var group = int.MinValue;
        double runHigh = 0, runLow = 0;
        for (var i = 0; i < n; i++)
        {
            var before = LowerBound(binTimes, bars.Times[i]);
            var reference = before - 2;
            if (i == 0 || reference != group)
            {
                group = reference;
                runHigh = bars.High[i];
                runLow = bars.Low[i];
            }
            else
            {
                runHigh = Math.Max(runHigh, bars.High[i]);
                runLow = Math.Min(runLow, bars.Low[i]);
            }

            if (before <= 1)
            {
                continue;
            }

            previousHigh[i] = F32(binValues[reference].High);
            previousLow[i] = F32(binValues[reference].Low);
            brokenHigh[i] = runHigh > previousHigh[i] ? 1 : 0;
            brokenLow[i] = runLow < previousLow[i] ? 1 : 0;
        }

        return new PreviousHighLowResult(previousHigh, previousLow, brokenHigh, brokenLow);
    }

    /// <summary>Number of sorted times strictly before t (np.searchsorted, side left).</summary>
    private static int LowerBound(DateTime[] sorted, DateTime t)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
