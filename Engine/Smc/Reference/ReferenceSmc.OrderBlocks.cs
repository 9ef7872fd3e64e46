namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>ob(ohlc, swing_highs_lows, close_mitigation)</c>: a bullish then a bearish pass over all candles sharing
    /// float32 state and the <c>breaker</c> flags, exactly as the library does (mitigation index i-1 for bullish,
    /// i for bearish; OBs erased once their breaker phase is invalidated).
    /// </summary>
    public static OrderBlocksResult OrderBlocks(OhlcSeries bars, SwingHighsLowsResult swings, bool closeMitigation = false)
    {
        RequireSameLength(bars, swings);
        var state = new OrderBlockState(bars.Count);
        RunOrderBlockPass(bars, swings, closeMitigation, bullish: true, state);
        RunOrderBlockPass(bars, swings, closeMitigation, bullish: false, state);
        return state.ToResult();
    }

    private static void RunOrderBlockPass(
        OhlcSeries bars, SwingHighsLowsResult swings, bool closeMitigation, bool bullish, OrderBlockState s)
    {
        var n = bars.Count;
        double[] open = bars.Open, high = bars.High, low = bars.Low, close = bars.Close, volume = bars.Volume;
        var swingType = bullish ? 1.0 : -1.0;
        var active = new List<int>();
        var snapshot = new List<int>();
        var lastSwing = -1;
        for (var i = 0; i < n; i++)
        {
            // The library iterates a copy of the list while removing from the original.
            snapshot.Clear();
            snapshot.AddRange(active);
            foreach (var idx in snapshot)
            {
                if (s.Breaker[idx])
                {
                    var invalidated = bullish ? high[i] > s.Top[idx] : low[i] < s.Bottom[idx];
                    if (invalidated)
                    {
                        s.Erase(idx);
                        active.Remove(idx);
                    }
                }
                else
                {
                    bool mitigated;
                    if (bullish)
                    {
                        var probe = closeMitigation ? Math.Min(open[i], close[i]) : low[i];
                        mitigated = probe < s.Bottom[idx];
                    }
                    else
                    {
                        var probe = closeMitigation ? Math.Max(open[i], close[i]) : high[i];
                        mitigated = probe > s.Top[idx];
                    }

                    if (mitigated)
                    {
                        s.Breaker[idx] = true;
                        s.Mitigated[idx] = bullish ? i - 1 : i;
                    }
                }
            }

            // The last swing of this pass's type strictly before i (np.searchsorted, side left).
            if (i > 0 && swings.HighLow[i - 1] == swingType)
            {
                lastSwing = i - 1;
            }

            if (lastSwing < 0 || s.Crossed[lastSwing])
            {
                continue;
            }

            var triggered = bullish ? close[i] > high[lastSwing] : close[i] < low[lastSwing];
            if (!triggered)
            {
                continue;
            }

            s.Crossed[lastSwing] = true;
            var obIndex = i - 1;

            // The library's default for i == swing + 1: bullish top/bottom are inverted (a bug kept for fidelity).
            var obTop = bullish ? low[obIndex] : high[obIndex];
            var obBottom = bullish ? high[obIndex] : low[obIndex];
            if (i - lastSwing > 1)
            {
                var candidate = lastSwing + 1;
                for (var k = lastSwing + 2; k < i; k++)
                {
                    if (bullish ? low[k] <= low[candidate] : high[k] >= high[candidate])
                    {
                        candidate = k;
                    }
                }

                obIndex = candidate;
                obTop = high[candidate];
                obBottom = low[candidate];
            }

            var volCur = volume[i];
            var volPrev1 = i >= 1 ? volume[i - 1] : 0.0;
            var volPrev2 = i >= 2 ? volume[i - 2] : 0.0;
            s.Ob[obIndex] = bullish ? 1 : -1;
            s.Top[obIndex] = (float)obTop;
            s.Bottom[obIndex] = (float)obBottom;
            s.Volume[obIndex] = (float)(volCur + volPrev1 + volPrev2);
            var recent = (float)(volCur + volPrev1);
            var older = (float)volPrev2;
            s.LowVolume[obIndex] = bullish ? older : recent;
            s.HighVolume[obIndex] = bullish ? recent : older;
            s.Percentage[obIndex] = VolumePercentage(s.HighVolume[obIndex], s.LowVolume[obIndex]);
            active.Add(obIndex);
        }
    }

    /// <summary>
    /// 100·min/max with Python's <c>max</c>/<c>min</c> on numpy float32 scalars, so the ratio and the product are
    /// computed in single precision (not a double ratio rounded at the end); 100 when both volumes are 0.
    /// </summary>
    internal static float VolumePercentage(float highVolume, float lowVolume)
    {
        var max = lowVolume > highVolume ? lowVolume : highVolume;
        var min = lowVolume < highVolume ? lowVolume : highVolume;
        if (max == 0)
        {
            return 100f;
        }

        var ratio = min / max;
        return ratio * 100f;
    }
}
