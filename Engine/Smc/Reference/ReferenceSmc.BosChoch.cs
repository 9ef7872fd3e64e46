namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>bos_choch(ohlc, swing_highs_lows, close_break)</c>: four-swing patterns stamped on the broken swing's row,
    /// a break search from that row + 2 against the float32 level, deletion of earlier live signals broken at or
    /// after the new break (their BrokenIndex stays), and removal of signals that never broke.
    /// </summary>
    public static BosChochResult BosChoch(OhlcSeries bars, SwingHighsLowsResult swings, bool closeBreak = true)
    {
        RequireSameLength(bars, swings);
        var n = bars.Count;
        var bos = new int[n];
        var choch = new int[n];
        var level = new double[n];
        FindStructurePatterns(swings, bos, choch, level);

        var signals = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (bos[i] != 0 || choch[i] != 0)
            {
                signals.Add(i);
            }
        }

        var up = closeBreak ? bars.Close : bars.High;
        var down = closeBreak ? bars.Close : bars.Low;
        var broken = new int[n];
        var liveBroken = new PriorityQueue<int, int>();
        foreach (var i in signals)
        {
            var bullish = bos[i] == 1 || choch[i] == 1;
            var bearish = !bullish && (bos[i] == -1 || choch[i] == -1);
            if (!bullish && !bearish)
            {
                continue;
            }

            var j = -1;
            for (var c = i + 2; c < n; c++)
            {
                if (bullish ? up[c] > level[i] : down[c] < level[i])
                {
                    j = c;
                    break;
                }
            }

            if (j < 0)
            {
                continue;
            }

            broken[i] = j;

            // Earlier live signals whose break is at or after j are deleted. Every live broken signal sits in a
            // max-heap on its break index, so each one is popped at most once instead of rescanning all earlier ones.
            while (liveBroken.TryPeek(out var k, out var negativeBreak) && -negativeBreak >= j)
            {
                liveBroken.Dequeue();
                bos[k] = 0;
                choch[k] = 0;
                level[k] = 0;
            }

            liveBroken.Enqueue(i, -j);
        }

        foreach (var i in signals)
        {
            if ((bos[i] != 0 || choch[i] != 0) && broken[i] == 0)
            {
                bos[i] = 0;
                choch[i] = 0;
                level[i] = 0;
            }
        }

        var bosOut = NaNs(n);
        var chochOut = NaNs(n);
        var levelOut = NaNs(n);
        var brokenOut = NaNs(n);
        for (var i = 0; i < n; i++)
        {
            if (bos[i] != 0)
            {
                bosOut[i] = bos[i];
            }

            if (choch[i] != 0)
            {
                chochOut[i] = choch[i];
            }

            if (level[i] != 0)
            {
                levelOut[i] = level[i];
            }

            if (broken[i] != 0)
            {
                brokenOut[i] = broken[i];
            }
        }

        return new BosChochResult(bosOut, chochOut, levelOut, brokenOut);
    }

    /// <summary>
    /// Pattern stage: for every swing d with three predecessors a, b, c, decide the signal on b's row with the same
    /// sequence of overwrites the library performs (bullish BOS, bearish BOS, bullish CHoCH, bearish CHoCH).
    /// </summary>
    private static void FindStructurePatterns(SwingHighsLowsResult swings, int[] bos, int[] choch, double[] level)
    {
        var types = new List<double>();
        var levels = new List<double>();
        var rows = new List<int>();
        var hl = swings.HighLow;
        for (var i = 0; i < hl.Length; i++)
        {
            if (double.IsNaN(hl[i]))
            {
                continue;
            }

            types.Add(hl[i]);
            levels.Add(swings.Level[i]);
            if (types.Count >= 4)
            {
                var m = types.Count;
                double a = levels[m - 4], b = levels[m - 3], c = levels[m - 2], d = levels[m - 1];
                var upPattern = types[m - 4] == -1 && types[m - 3] == 1 && types[m - 2] == -1 && types[m - 1] == 1;
                var downPattern = types[m - 4] == 1 && types[m - 3] == -1 && types[m - 2] == 1 && types[m - 1] == -1;
                var row = rows[^2];
                var stored = F32(b);

                bos[row] = upPattern && a < c && c < b && b < d ? 1 : 0;
                level[row] = bos[row] != 0 ? stored : 0;
                bos[row] = downPattern && a > c && c > b && b > d ? -1 : bos[row];
                level[row] = bos[row] != 0 ? stored : 0;
                choch[row] = upPattern && d > b && b > a && a > c ? 1 : 0;
                level[row] = choch[row] != 0 ? stored : level[row];
                choch[row] = downPattern && d < b && b < a && a < c ? -1 : choch[row];
                level[row] = choch[row] != 0 ? stored : level[row];
            }

            rows.Add(i);
        }
    }
}
