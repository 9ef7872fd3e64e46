namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>retracements(ohlc, swing_highs_lows)</c>: running retracement of the current leg in percent (numpy
    /// round-half-even to one decimal), shifted one row later (circularly) and blanked until the third direction
    /// change, exactly as the library does.
    /// </summary>
    public static RetracementsResult Retracements(OhlcSeries bars, SwingHighsLowsResult swings)
    {
        RequireSameLength(bars, swings);
        var n = bars.Count;
        var direction = new int[n];
        var current = new double[n];
        var deepest = new double[n];
        if (n == 0)
        {
            return new RetracementsResult(direction, current, deepest);
        }

        double top = 0, bottom = 0;
        for (var i = 0; i < n; i++)
        {
            var hl = swings.HighLow[i];
            if (hl == 1)
            {
                direction[i] = 1;
                top = swings.Level[i];
            }
            else if (hl == -1)
            {
                direction[i] = -1;
                bottom = swings.Level[i];
            }
            else
            {
                direction[i] = i > 0 ? direction[i - 1] : 0;
            }

            // Index i-1 at i = 0 is Python's [-1]: the last element, still 0 unless there is a single row.
            var previousDirection = direction[(i - 1 + n) % n];
            if (previousDirection == 1)
            {
                var divisor = top - bottom;
                current[i] = divisor != 0 ? Round1(100 - ((bars.Low[i] - bottom) / divisor * 100)) : 0;
                deepest[i] = PyMax(i > 0 && direction[i - 1] == 1 ? deepest[i - 1] : 0, current[i]);
            }

            if (direction[i] == -1)
            {
                var divisor = bottom - top;
                current[i] = divisor != 0 ? Round1(100 - ((bars.High[i] - top) / divisor * 100)) : 0;
                deepest[i] = PyMax(i > 0 && direction[i - 1] == -1 ? deepest[i - 1] : 0, current[i]);
            }
        }

        Roll(direction);
        Roll(current);
        Roll(deepest);

        var changes = 0;
        for (var i = 0; i + 1 < n; i++)
        {
            if (direction[i] != direction[i + 1])
            {
                changes++;
            }

            direction[i] = 0;
            current[i] = 0;
            deepest[i] = 0;
            if (changes == 3)
            {
                direction[i + 1] = 0;
                current[i + 1] = 0;
                deepest[i + 1] = 0;
                break;
            }
        }

        return new RetracementsResult(direction, current, deepest);
    }

    /// <summary>numpy <c>round(x, 1)</c>: scale by 10, round half to even, scale back.</summary>
    internal static double Round1(double x) => Math.Round(x * 10.0, MidpointRounding.ToEven) / 10.0;

    /// <summary>numpy <c>roll(a, 1)</c>: every value one row later, the last one wrapping to row 0.</summary>
    private static void Roll<T>(T[] values)
    {
        if (values.Length < 2)
        {
            return;
        }

        var last = values[^1];
        Array.Copy(values, 0, values, 1, values.Length - 1);
        values[0] = last;
    }
}
