namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>swing_highs_lows(ohlc, swing_length)</c>: candidates over the asymmetric window i-(n-1)..i+n, iterative
    /// alternation clean-up (earlier one survives ties), artificial opposite swings on the first and last row.
    /// </summary>
    public static SwingHighsLowsResult SwingHighsLows(OhlcSeries bars, int swingLength)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentOutOfRangeException.ThrowIfLessThan(swingLength, 1);
        var n = bars.Count;
        var high = bars.High;
        var low = bars.Low;
        var hl = NaNs(n);
        MarkCandidates(high, low, swingLength, hl);
        RemoveSameTypeNeighbours(high, low, hl);

        var first = -1;
        var last = -1;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsNaN(hl[i]))
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
        }

        if (first >= 0)
        {
            var firstType = hl[first];
            var lastType = hl[last];
            hl[0] = -firstType;
            hl[n - 1] = -lastType;
        }

        var level = NaNs(n);
        for (var i = 0; i < n; i++)
        {
            if (hl[i] == 1)
            {
                level[i] = high[i];
            }
            else if (hl[i] == -1)
            {
                level[i] = low[i];
            }
        }

        return new SwingHighsLowsResult(hl, level);
    }

    /// <summary>
    /// pandas <c>high.shift(-n).rolling(2n).max()</c>: the window for row i is rows i-n+1..i+n and must be complete,
    /// so rows before 2n-1 and the last n rows are never candidates. Monotonic deques keep it O(N).
    /// </summary>
    private static void MarkCandidates(double[] high, double[] low, int n, double[] hl)
    {
        var count = high.Length;
        var window = 2 * n;
        if (count < window)
        {
            return;
        }

        var maxQ = new int[count];
        var minQ = new int[count];
        int maxHead = 0, maxTail = 0, minHead = 0, minTail = 0;

        // Row r enters the window of candidate i = r - n; candidate i is decided once row i+n has entered.
        for (var r = 0; r < count; r++)
        {
            while (maxTail > maxHead && high[maxQ[maxTail - 1]] <= high[r])
            {
                maxTail--;
            }

            maxQ[maxTail++] = r;
            while (minTail > minHead && low[minQ[minTail - 1]] >= low[r])
            {
                minTail--;
            }

            minQ[minTail++] = r;
            var i = r - n;
            var windowStart = r - window + 1;

            // The rolling window runs over the shifted series, which starts at row 0: so i >= 2n-1, not n-1.
            if (i < window - 1)
            {
                continue;
            }

            while (maxQ[maxHead] < windowStart)
            {
                maxHead++;
            }

            while (minQ[minHead] < windowStart)
            {
                minHead++;
            }

            if (high[i] == high[maxQ[maxHead]])
            {
                hl[i] = 1;
            }
            else if (low[i] == low[minQ[minHead]])
            {
                hl[i] = -1;
            }
        }
    }

    /// <summary>Repeats until stable: of two adjacent swings of the same type drop the less extreme (ties keep the earlier).</summary>
    private static void RemoveSameTypeNeighbours(double[] high, double[] low, double[] hl)
    {
        var positions = new List<int>();
        var remove = new List<bool>();
        while (true)
        {
            positions.Clear();
            for (var i = 0; i < hl.Length; i++)
            {
                if (!double.IsNaN(hl[i]))
                {
                    positions.Add(i);
                }
            }

            if (positions.Count < 2)
            {
                return;
            }

            remove.Clear();
            for (var k = 0; k < positions.Count; k++)
            {
                remove.Add(false);
            }

            var any = false;
            for (var k = 0; k + 1 < positions.Count; k++)
            {
                int p = positions[k], q = positions[k + 1];
                if (hl[p] == 1 && hl[q] == 1)
                {
                    remove[high[p] < high[q] ? k : k + 1] = true;
                    any = true;
                }
                else if (hl[p] == -1 && hl[q] == -1)
                {
                    remove[low[p] > low[q] ? k : k + 1] = true;
                    any = true;
                }
            }

            if (!any)
            {
                return;
            }

            for (var k = 0; k < positions.Count; k++)
            {
                if (remove[k])
                {
                    hl[positions[k]] = double.NaN;
                }
            }
        }
    }
}
