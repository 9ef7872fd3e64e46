using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Structure;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

/// <summary>
/// Folding the stream's decisions over the reference fixture (EURUSD M15, swing length 5) gives the reference batch
/// output except exactly the cells docs/SMC.md lists as causal exceptions.
/// </summary>
[TestFixture]
public sealed class SmcEquivalenceTests
{
    private static DecisionLog? _log;

    private static int N => SmcFixture.Bars.Length;

    private static DecisionLog Log => _log ??= new DecisionLog(ReferenceOptions(joinConsecutive: false)).Feed(SmcFixture.Bars);

    public static SmcOptions ReferenceOptions(bool joinConsecutive) => new()
    {
        Timeframes = [900],
        DailyBoundary = IctEngine.Smc.Bars.DailyBoundary.UtcMidnight,
        JournalBarsFromSeconds = int.MaxValue,
        ShortSwingLength = 5,
        LongSwingLength = 20,
        ReferenceFloat32Ties = true,
        FvgJoinConsecutive = joinConsecutive,
        ContextTimeframeSeconds = 900,
        PreviousPeriods = [14_400, 86_400],
        Sessions = [SessionWindow.ReferenceLondon],
        ActiveZoneCapacity = 4096,
        PendingStructureCapacity = 1024,
        Strategy = new() { Enabled = false },
    };

    [Test]
    public void Swings_FoldedStream_MatchesReferenceExceptArtificialEndpoints()
    {
        var highLow = new double[N];
        var level = new long[N];
        foreach (var d in Log.Decisions)
        {
            if (d.Type == DecisionType.SwingDetected && Math.Abs(d.Code) == SmcCodes.ShortSwing)
            {
                highLow[d.Ref0] = Math.Sign(d.Code);
                level[d.Ref0] = d.A;
            }
            else if (d.Type == DecisionType.StructureInvalidated && d.Code == (int)DecisionType.SwingDetected && SmcId.Kind(d.Id) == SmcIdKind.ShortSwing)
            {
                highLow[SmcId.BarIndex(d.Id)] = 0;
            }
        }

        var expected = SmcFixture.Expected("swing_highs_lows_result_data.csv");
        var diffs = new List<int>();
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eHl = e[0].Length == 0 ? 0 : SmcFixture.Number(e[0]);
            var same = eHl == highLow[i] && (eHl == 0 || SmcFixture.Units(e[1]) == level[i]);
            if (!same)
            {
                diffs.Add(i);
            }
        }

        Assert.That(diffs, Is.EqualTo(new[] { 0, N - 1 }), "only the artificial first/last-row swings differ");
    }

    [TestCase(false, "fvg_result_data.csv")]
    [TestCase(true, "fvg_consecutive_result_data.csv")]
    public void FairValueGaps_FoldedStream_MatchesReferenceExactly(bool join, string file)
    {
        var log = join ? new DecisionLog(ReferenceOptions(true)).Feed(SmcFixture.Bars) : Log;
        var dir = new int[N];
        var top = new long[N];
        var bottom = new long[N];
        var mitigated = new long[N];
        foreach (var d in log.Decisions)
        {
            if (d.Type == DecisionType.FairValueGapDetected)
            {
                dir[d.C] = Math.Sign(d.Code);
                top[d.C] = d.A;
                bottom[d.C] = d.B;
            }
            else if (d.Type == DecisionType.FairValueGapMitigated)
            {
                mitigated[d.D] = d.C;
            }
            else if (d.Type == DecisionType.StructureInvalidated && d.Code == (int)DecisionType.FairValueGapDetected)
            {
                dir[d.B] = 0;
            }
        }

        var expected = SmcFixture.Expected(file);
        var diffs = new List<int>();
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eDir = e[0].Length == 0 ? 0 : (int)SmcFixture.Number(e[0]);
            var same = eDir == dir[i] && (eDir == 0
                || (SmcFixture.Units(e[1]) == top[i] && SmcFixture.Units(e[2]) == bottom[i] && (long)SmcFixture.Number(e[3]) == mitigated[i]));
            if (!same)
            {
                diffs.Add(i);
            }
        }

        Assert.That(diffs, Is.Empty);
    }

    [Test]
    public void BosChoch_FoldedStream_MatchesReferenceExceptDocumentedCells()
    {
        var bos = new int[N];
        var choch = new int[N];
        var level = new long[N];
        var broken = new long[N];
        foreach (var d in Log.Decisions)
        {
            if (d.Type == DecisionType.StructureBreak && Math.Abs(d.Code) is SmcCodes.PatternBos or SmcCodes.PatternChoch)
            {
                (Math.Abs(d.Code) == SmcCodes.PatternBos ? bos : choch)[d.B] = Math.Sign(d.Code);
                level[d.B] = d.A;
                broken[d.B] = d.C;
            }
            else if (d.Type == DecisionType.StructureInvalidated && d.Code == (int)DecisionType.StructureBreak)
            {
                bos[d.B] = 0;
                choch[d.B] = 0;
                level[d.B] = 0;
            }
        }

        var expected = SmcFixture.Expected("bos_choch_result_data.csv");
        var diffs = new List<string>();
        var documented = new List<string>();
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eBos = e[0].Length == 0 ? 0 : (int)SmcFixture.Number(e[0]);
            var eChoch = e[1].Length == 0 ? 0 : (int)SmcFixture.Number(e[1]);
            var eLevel = e[2].Length == 0 ? float.NaN : float.Parse(e[2], System.Globalization.CultureInfo.InvariantCulture);
            var eBroken = e[3].Length == 0 ? 0 : (long)SmcFixture.Number(e[3]);
            if (eBos != bos[i] || eChoch != choch[i])
            {
                diffs.Add($"{i}:kind");
            }

            if ((eBos != 0 || eChoch != 0) && eLevel != Float32Tie.ToFloat32(level[i], 5))
            {
                diffs.Add($"{i}:level");
            }

            if (eBroken != broken[i])
            {
                diffs.Add($"{i}:broken");
            }

            // Documented exception: a structure superseded before its own close broke it keeps a dangling
            // BrokenIndex in the reference; the stream stops watching it (nothing was ever reported for it).
            if (eBroken != 0 && eBos == 0 && eChoch == 0 && broken[i] == 0)
            {
                documented.Add($"{i}:broken");
            }
        }

        TestContext.Out.WriteLine($"bos_choch: {documented.Count} documented BrokenIndex cells differ");
        Assert.That(documented, Is.Not.Empty);
        Assert.That(diffs, Is.EqualTo(documented));
    }

    [Test]
    public void Sessions_FoldedStream_MatchesReferenceLondonExactly()
    {
        var bars = SmcFixture.Bars;
        var active = new bool[N];
        long openRow = -1;
        foreach (var d in Log.Decisions.Where(d => d.Type == DecisionType.SessionEvent))
        {
            if (d.Code == SmcCodes.SessionOpened)
            {
                openRow = d.C;
            }
            else if (d.Code == SmcCodes.SessionClosed)
            {
                for (var i = openRow; i < d.D; i++)
                {
                    active[i] = true;
                }

                openRow = -1;
            }
        }

        for (var i = openRow; openRow >= 0 && i < N; i++)
        {
            active[i] = true;
        }

        var expected = SmcFixture.Expected("sessions_result_data.csv");
        var diffs = new List<int>();
        float high = 0;
        float low = 0;
        for (var i = 0; i < N; i++)
        {
            if (active[i])
            {
                var h = Float32Tie.ToFloat32(bars[i].High, 5);
                var l = Float32Tie.ToFloat32(bars[i].Low, 5);
                high = i > 0 && active[i - 1] ? Math.Max(high, h) : h;
                low = i > 0 && active[i - 1] ? Math.Min(low, l) : l;
            }

            var e = expected[i];
            var same = (e[0] == "1") == active[i]
                && (!active[i] || (float.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture) == high && float.Parse(e[2], System.Globalization.CultureInfo.InvariantCulture) == low));
            if (!same)
            {
                diffs.Add(i);
            }
        }

        Assert.That(diffs, Is.Empty);
    }

    [TestCase(14_400, "previous_high_low_result_data_4h.csv")]
    [TestCase(86_400, "previous_high_low_result_data_1D.csv")]
    public void PreviousHighLow_FoldedStream_MatchesReferenceExceptBinOpeningCandles(int period, string file)
    {
        var prevHigh = new long[N];
        var prevLow = new long[N];
        var brokenHigh = new bool[N];
        var brokenLow = new bool[N];
        var periodStart = new bool[N];
        var events = Log.Decisions.Where(d => (d.Type == DecisionType.SessionEvent && d.Code == SmcCodes.PeriodStarted && d.Ref0 == period)
            || (d.Type == DecisionType.PreviousHighLowBroken && d.Ref0 == period)).ToList();
        long h = 0;
        long l = 0;
        bool bh = false;
        bool bl = false;
        var k = 0;
        for (var i = 0; i < N; i++)
        {
            while (k < events.Count && events[k].D == i)
            {
                var d = events[k++];
                if (d.Type == DecisionType.SessionEvent)
                {
                    (h, l, bh, bl) = (d.A, d.B, false, false);
                    periodStart[i] = true;
                }
                else if (d.Code > 0)
                {
                    bh = true;
                }
                else
                {
                    bl = true;
                }
            }

            (prevHigh[i], prevLow[i], brokenHigh[i], brokenLow[i]) = (h, l, bh, bl);
        }

        var expected = SmcFixture.Expected(file);
        var diffs = new List<int>();
        var documented = new List<int>();
        var openerBroke = false;
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eHigh = e[0].Length == 0 ? 0 : SmcFixture.Units(e[0]);
            var same = eHigh == prevHigh[i] && (e[0].Length == 0 || SmcFixture.Units(e[1]) == prevLow[i])
                && (e[2] == "1") == brokenHigh[i] && (e[3] == "1") == brokenLow[i];
            if (!same)
            {
                diffs.Add(i);
            }

            // Documented exception: the reference gives a period's first candle the levels of two periods back (and
            // starts its broken-flag run after it), the stream gives every candle of a period the previous period.
            if (periodStart[i])
            {
                openerBroke = brokenHigh[i] || brokenLow[i];
            }

            if (periodStart[i] || (openerBroke && !same))
            {
                documented.Add(i);
            }
        }

        TestContext.Out.WriteLine($"previous_high_low {period}: {diffs.Count} rows differ, all documented");
        Assert.That(diffs.Except(documented), Is.Empty);
        Assert.That(diffs.Count, Is.GreaterThan(0));
    }

    [Test]
    public void Liquidity_FoldedStreamWithWholeDataTolerance_DiffersOnlyInTheArtificialFirstSwingsGroup()
    {
        var bars = SmcFixture.Bars;
        var range = bars.Max(b => b.High) - bars.Min(b => b.Low);
        var options = new SmcOptions
        {
            Timeframes = [900],
            ShortSwingLength = 5,
            EqualLevelToleranceUnits = range / 100, // the reference's whole-data tolerance, which a stream cannot know
            ReferenceFloat32Ties = true,
            JournalBarsFromSeconds = int.MaxValue,
            ContextTimeframeSeconds = 0,
            LiquidityCapacity = 4096,
            Strategy = new() { Enabled = false },
        };
        var log = new DecisionLog(options).Feed(bars);
        var dir = new int[N];
        var level = new float[N];
        var end = new long[N];
        var swept = new long[N];
        foreach (var d in log.Decisions)
        {
            if (d.Type is DecisionType.LiquidityDetected or DecisionType.EqualHighsLows)
            {
                dir[d.B] = d.Code;
                level[d.B] = (float)((double)d.E / d.D / 1e5); // member sum / members, as the reference averages
                end[d.B] = d.C;
                swept[d.B] = Math.Max(0, d.F);
            }
            else if (d.Type == DecisionType.LiquiditySwept)
            {
                swept[SmcId.BarIndex(d.Id)] = d.C;
            }
        }

        var expected = SmcFixture.Expected("liquidity_result_data.csv");
        var firstGroupSwept = (long)SmcFixture.Number(expected[0][3]);
        var diffs = new List<int>();
        var reproduced = 0;
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eDir = e[0].Length == 0 ? 0 : (int)SmcFixture.Number(e[0]);
            var same = eDir == dir[i] && (eDir == 0 || (float.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture) == level[i]
                && (long)SmcFixture.Number(e[2]) == end[i] && (long)SmcFixture.Number(e[3]) == swept[i]));
            if (!same)
            {
                diffs.Add(i);
            }
            else if (eDir != 0)
            {
                reproduced++;
            }
        }

        // Documented exception: the artificial row-0 swing heads the reference's first group and takes members until
        // that group is swept; without it those members group differently. Nothing after that sweep differs.
        Assert.That(diffs, Does.Contain(0));
        Assert.That(diffs, Has.All.LessThan(firstGroupSwept));
        Assert.That(reproduced, Is.EqualTo(497));
    }

    [Test]
    public void OrderBlocks_FoldedStream_ReproducesAllButTheSwingLookAheadRows()
    {
        var ob = new int[N];
        var top = new long[N];
        var bottom = new long[N];
        var mitigated = new long[N];
        foreach (var d in Log.Decisions)
        {
            if (d.Type == DecisionType.OrderBlockDetected)
            {
                (ob[d.C], top[d.C], bottom[d.C], mitigated[d.C]) = (d.Code, d.A, d.B, 0);
            }
            else if (d.Type == DecisionType.OrderBlockMitigated)
            {
                mitigated[SmcId.BarIndex(d.Id)] = d.C;
            }
            else if (d.Type == DecisionType.StructureInvalidated && d.Code == (int)DecisionType.OrderBlockDetected)
            {
                ob[SmcId.BarIndex(d.Id)] = 0;
            }
        }

        var expected = SmcFixture.Expected("ob_result_data.csv");
        var diffs = new List<int>();
        var reproduced = 0;
        for (var i = 0; i < N; i++)
        {
            var e = expected[i];
            var eDir = e[0].Length == 0 ? 0 : (int)SmcFixture.Number(e[0]);
            var same = eDir == ob[i] && (eDir == 0 || (float.Parse(e[1], System.Globalization.CultureInfo.InvariantCulture) == Float32Tie.ToFloat32(top[i], 5)
                && float.Parse(e[2], System.Globalization.CultureInfo.InvariantCulture) == Float32Tie.ToFloat32(bottom[i], 5)
                && (long)SmcFixture.Number(e[4]) == mitigated[i]));
            if (!same)
            {
                diffs.Add(i);
            }
            else if (eDir != 0)
            {
                reproduced++;
            }
        }

        // Documented exception: the reference picks "the last swing before the candle" from a swing table that is
        // only known up to n bars later (and may still drop that swing), and shares breaker state between its bullish
        // and bearish passes. The causal detector reproduces 63 of the 66 reference OBs and differs in 11 rows.
        Assert.That(reproduced, Is.EqualTo(63));
        Assert.That(diffs, Is.EqualTo(new[] { 1788, 2305, 2965, 2970, 10934, 20913, 22440, 23890, 23895, 23951, 24292 }));
    }
}
