namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>liquidity(ohlc, swing_highs_lows, range_percent)</c>: groups of same-type swings within ± a tolerance of
    /// (whole-data range × range_percent) of the group head, cut off at the head's sweep (first candle beyond the
    /// band), written on the head row when the group has two or more members. All outputs float32.
    /// </summary>
    public static LiquidityResult Liquidity(OhlcSeries bars, SwingHighsLowsResult swings, double rangePercent = 0.01)
    {
        RequireSameLength(bars, swings);
        var n = bars.Count;
        var liquidity = NaNs(n);
        var level = NaNs(n);
        var end = NaNs(n);
        var swept = NaNs(n);
        if (n == 0)
        {
            return new LiquidityResult(liquidity, level, end, swept);
        }

        var maxHigh = double.NegativeInfinity;
        var minLow = double.PositiveInfinity;
        for (var i = 0; i < n; i++)
        {
            maxHigh = Math.Max(maxHigh, bars.High[i]);
            minLow = Math.Min(minLow, bars.Low[i]);
        }

        var pipRange = (maxHigh - minLow) * rangePercent;
        var used = (double[])swings.HighLow.Clone();
        GroupLiquidity(bars, swings.Level, used, pipRange, 1, liquidity, level, end, swept);
        GroupLiquidity(bars, swings.Level, used, pipRange, -1, liquidity, level, end, swept);
        return new LiquidityResult(liquidity, level, end, swept);
    }

    private static void GroupLiquidity(
        OhlcSeries bars, double[] levels, double[] used, double pipRange, int type,
        double[] liquidity, double[] level, double[] end, double[] swept)
    {
        var n = bars.Count;
        var candidates = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (used[i] == type)
            {
                candidates.Add(i);
            }
        }

        foreach (var i in candidates)
        {
            if (used[i] != type)
            {
                continue;
            }

            var head = levels[i];
            var rangeLow = head - pipRange;
            var rangeHigh = head + pipRange;
            var sweep = 0;
            for (var c = i + 1; c < n; c++)
            {
                if (type == 1 ? bars.High[c] >= rangeHigh : bars.Low[c] <= rangeLow)
                {
                    sweep = c;
                    break;
                }
            }

            var sum = head;
            var members = 1;
            var groupEnd = i;
            foreach (var j in candidates)
            {
                if (j <= i)
                {
                    continue;
                }

                if (sweep != 0 && j >= sweep)
                {
                    break;
                }

                if (used[j] == type && rangeLow <= levels[j] && levels[j] <= rangeHigh)
                {
                    sum += levels[j];
                    members++;
                    groupEnd = j;
                    used[j] = 0;
                }
            }

            if (members > 1)
            {
                liquidity[i] = type;
                level[i] = F32(sum / members);
                end[i] = F32(groupEnd);
                swept[i] = F32(sweep);
            }
        }
    }
}
