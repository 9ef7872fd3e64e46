using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class ReferenceSmcTests
{
    private const double NaN = double.NaN;

    [Test]
    public void SwingHighsLows_LengthOne_CleansUpAndAddsOppositeEndpoints()
    {
        var bars = TestBars.HighLow([2, 3, 5, 4, 6, 1], [1, 2, 3, 2.5, 0.5, 0.2]);

        var swings = ReferenceSmc.SwingHighsLows(bars, 1);

        // Candidates: 1 low, 2 high, 4 high; the lower high (2) goes; row 0 opposes the first, row 5 the last.
        Assert.That(swings.HighLow, Is.EqualTo(new[] { 1, -1, NaN, NaN, 1, -1 }));
        Assert.That(swings.Level, Is.EqualTo(new[] { 2, 2, NaN, NaN, 6, 0.2 }));
    }

    [Test]
    public void SwingHighsLows_LengthTwo_FirstCandidateIsRowThree()
    {
        // Row 1 is the highest high, but the window n-1 back / n forward over the shifted series starts at 2n-1.
        var bars = TestBars.HighLow([1, 9, 2, 3, 2, 1, 0.5, 0.4], [0.9, 8.9, 1.9, 2.9, 1.9, 0.9, 0.4, 0.3]);

        var swings = ReferenceSmc.SwingHighsLows(bars, 2);

        Assert.That(swings.HighLow, Is.EqualTo(new[] { -1, NaN, NaN, 1, NaN, NaN, NaN, -1 }));
        Assert.That(swings.Level[3], Is.EqualTo(3));
    }

    [Test]
    public void SwingHighsLows_EqualAdjacentHighs_EarlierSurvives()
    {
        var bars = TestBars.HighLow([1, 5, 5, 2, 1.5], [0.5, 4, 4.5, 1, 0.2]);

        var swings = ReferenceSmc.SwingHighsLows(bars, 1);

        Assert.That(swings.HighLow[1], Is.EqualTo(1));
        Assert.That(swings.HighLow[2], Is.NaN);
    }

    [Test]
    public void SwingHighsLows_TooFewBars_AllMissing()
    {
        var swings = ReferenceSmc.SwingHighsLows(TestBars.HighLow([1, 2, 3], [0, 1, 2]), 5);

        Assert.That(swings.HighLow.All(double.IsNaN), Is.True);
    }

    [Test]
    public void Fvg_ThreeGaps_StampsMiddleCandleAndFirstTouch()
    {
        var fvg = ReferenceSmc.Fvg(GapBars());

        Assert.That(fvg.Fvg, Is.EqualTo(new[] { NaN, 1, 1, NaN, NaN, -1, NaN }));
        Assert.That(fvg.Top, Is.EqualTo(new[] { NaN, 1.20, 1.40, NaN, NaN, 1.50, NaN }));
        Assert.That(fvg.Bottom, Is.EqualTo(new[] { NaN, 1.10, 1.30, NaN, NaN, 1.42, NaN }));
        Assert.That(fvg.MitigatedIndex, Is.EqualTo(new[] { NaN, 6, 5, NaN, NaN, 0, NaN }));
    }

    [Test]
    public void Fvg_JoinConsecutive_MergesOntoTheLastRow()
    {
        var fvg = ReferenceSmc.Fvg(GapBars(), joinConsecutive: true);

        Assert.That(fvg.Fvg, Is.EqualTo(new[] { NaN, NaN, 1, NaN, NaN, -1, NaN }));
        Assert.That(fvg.Top[2], Is.EqualTo(1.40));
        Assert.That(fvg.Bottom[2], Is.EqualTo(1.10));
        Assert.That(fvg.MitigatedIndex[2], Is.EqualTo(5));
    }

    [Test]
    public void BosChoch_BullishBos_StampedOnBrokenSwingWithCloseBreak()
    {
        var (bars, swings) = StructureBars(a: 1.0, c: 1.5);

        var result = ReferenceSmc.BosChoch(bars, swings);

        Assert.That(result.Bos[3], Is.EqualTo(1));
        Assert.That(result.Choch[3], Is.NaN);
        Assert.That(result.Level[3], Is.EqualTo((double)(float)2.0));
        Assert.That(result.BrokenIndex[3], Is.EqualTo(8));
        Assert.That(result.Bos.Count(x => !double.IsNaN(x)), Is.EqualTo(1));
    }

    [Test]
    public void BosChoch_CloseBreakFalse_BreaksOnTheWick()
    {
        var (bars, swings) = StructureBars(a: 1.0, c: 1.5);

        var result = ReferenceSmc.BosChoch(bars, swings, closeBreak: false);

        Assert.That(result.BrokenIndex[3], Is.EqualTo(6));
    }

    [Test]
    public void BosChoch_LowerLowBeforeBreak_IsBullishChoch()
    {
        var (bars, swings) = StructureBars(a: 1.5, c: 1.0);

        var result = ReferenceSmc.BosChoch(bars, swings);

        Assert.That(result.Choch[3], Is.EqualTo(1));
        Assert.That(result.Bos[3], Is.NaN);
        Assert.That(result.BrokenIndex[3], Is.EqualTo(8));
    }

    [Test]
    public void BosChoch_LaterSignalBrokenNoLater_DeletesEarlierButKeepsItsBrokenIndex()
    {
        var high = Enumerable.Repeat(1.3, 14).ToArray();
        var low = Enumerable.Repeat(1.1, 14).ToArray();
        (low[1], high[3], low[5], high[7], low[9], high[11]) = (1.0, 2.0, 1.5, 2.5, 2.1, 3.0);
        var close = Enumerable.Repeat(1.2, 14).ToArray();
        close[12] = 3.1;
        high[12] = 3.2;
        var bars = new OhlcSeries(
            TestBars.HighLow(high, low).Times, close, high, low, close, new double[14]);
        var swings = TestBars.Swings(bars, (1, -1), (3, 1), (5, -1), (7, 1), (9, -1), (11, 1));

        var result = ReferenceSmc.BosChoch(bars, swings);

        Assert.That(result.Bos[3], Is.NaN);
        Assert.That(result.Level[3], Is.NaN);
        Assert.That(result.BrokenIndex[3], Is.EqualTo(12));
        Assert.That(result.Bos[7], Is.EqualTo(1));
        Assert.That(result.Level[7], Is.EqualTo(2.5));
        Assert.That(result.BrokenIndex[7], Is.EqualTo(12));
    }

    [Test]
    public void OrderBlocks_BullishOb_LowestCandleTieLastWithVolumesAndMitigationMinusOne()
    {
        var bars = ObBars(lastHigh: 1.55);

        var result = ReferenceSmc.OrderBlocks(bars, TestBars.Swings(bars, (2, 1)));

        Assert.That(result.Ob.Select((x, i) => double.IsNaN(x) ? -99 : i), Is.EqualTo(new[] { -99, -99, -99, -99, -99, 5, -99, -99, -99, -99, -99 }));
        Assert.That(result.Ob[5], Is.EqualTo(1));
        Assert.That(result.Top[5], Is.EqualTo((double)1.6f));
        Assert.That(result.Bottom[5], Is.EqualTo((double)1.2f));
        Assert.That(result.ObVolume[5], Is.EqualTo(60));
        Assert.That(result.MitigatedIndex[5], Is.EqualTo(7));
        Assert.That(result.Percentage[5], Is.EqualTo(20));
    }

    [Test]
    public void OrderBlocks_CloseMitigation_UsesTheBody()
    {
        var bars = ObBars(lastHigh: 1.55);

        var result = ReferenceSmc.OrderBlocks(bars, TestBars.Swings(bars, (2, 1)), closeMitigation: true);

        Assert.That(result.MitigatedIndex[5], Is.EqualTo(8));
    }

    [Test]
    public void OrderBlocks_BreakerInvalidated_IsErased()
    {
        var bars = ObBars(lastHigh: 1.7);

        var result = ReferenceSmc.OrderBlocks(bars, TestBars.Swings(bars, (2, 1)));

        Assert.That(result.Ob.All(double.IsNaN), Is.True);
    }

    [Test]
    public void VolumePercentage_SmallerOverLarger_ComputedInSinglePrecision()
    {
        Assert.That(ReferenceSmc.VolumePercentage(3f, 7f), Is.EqualTo(3f / 7f * 100f));
        Assert.That(ReferenceSmc.VolumePercentage(0f, 0f), Is.EqualTo(100f));
        Assert.That(ReferenceSmc.VolumePercentage(5f, 0f), Is.EqualTo(0f));
    }

    [Test]
    public void Liquidity_RangePercentFive_GroupsUntilTheSweep()
    {
        var (bars, swings) = LiquidityBars();

        var result = ReferenceSmc.Liquidity(bars, swings, 0.05);

        Assert.That(result.Liquidity.Select((x, i) => double.IsNaN(x) ? -1 : i).Where(i => i >= 0), Is.EqualTo(new[] { 2 }));
        Assert.That(result.Liquidity[2], Is.EqualTo(1));
        Assert.That(result.Level[2], Is.EqualTo((double)(float)((5.0 + 5.3) / 2)));
        Assert.That(result.End[2], Is.EqualTo(4));
        Assert.That(result.Swept[2], Is.EqualTo(6));
    }

    [Test]
    public void Liquidity_WiderTolerance_GroupsAllHighsInBand()
    {
        var (bars, swings) = LiquidityBars();

        var result = ReferenceSmc.Liquidity(bars, swings, 0.07);

        Assert.That(result.Level[2], Is.EqualTo((double)(float)((5.0 + 5.3 + 5.6 + 4.6) / 4)));
        Assert.That(result.End[2], Is.EqualTo(8));
        Assert.That(result.Swept[2], Is.EqualTo(10));
        Assert.That(result.Liquidity.Count(x => !double.IsNaN(x)), Is.EqualTo(1));
    }

    [Test]
    public void PreviousHighLow_OneHourOnHalfHourBars_UsesTheBinBeforeLast()
    {
        var times = Enumerable.Range(0, 6).Select(i => TestBars.Start.AddMinutes(30 * i)).ToArray();
        var bars = TestBars.HighLowAt(times, [1, 2, 3, 4, 5, 6], [0.5, 1.5, 2.5, 3.5, 0.2, 5.5]);

        var result = ReferenceSmc.PreviousHighLow(bars, PandasFrequency.Parse("1h"));

        Assert.That(result.PreviousHigh, Is.EqualTo(new[] { NaN, NaN, NaN, 2, 2, 4 }));
        Assert.That(result.PreviousLow, Is.EqualTo(new[] { NaN, NaN, NaN, 0.5, 0.5, 2.5 }));
        Assert.That(result.BrokenHigh, Is.EqualTo(new[] { 0, 0, 0, 1, 1, 1 }));
        Assert.That(result.BrokenLow, Is.EqualTo(new[] { 0, 0, 0, 0, 1, 0 }));
    }

    [Test]
    public void PreviousHighLow_FourHoursStartingMidMorning_BinsFromMidnight()
    {
        var times = new[] { 5, 7, 8, 9, 12, 13 }.Select(h => TestBars.Start.AddHours(h)).ToArray();
        var bars = TestBars.HighLowAt(times, [1, 2, 3, 4, 5, 6], [0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);

        var result = ReferenceSmc.PreviousHighLow(bars, PandasFrequency.Parse("4h"));

        // Labels 04:00, 04:00, 08:00, 08:00, 12:00, 12:00: 09:00 and 12:00 look at 04:00, 13:00 at 08:00.
        Assert.That(result.PreviousHigh, Is.EqualTo(new[] { NaN, NaN, NaN, 2, 2, 4 }));
    }

    [Test]
    public void PreviousHighLow_Weekly_LooksTwoWeeksBackAndKeepsSundayInItsWeek()
    {
        // 2024-01-07 is a Sunday: with W (W-SUN) the whole Sunday closes the week labelled by it.
        var times = new[] { "2024-01-01 10:00", "2024-01-07 12:00", "2024-01-08 10:00", "2024-01-15 10:00", "2024-01-22 10:00" }
            .Select(s => DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var bars = TestBars.HighLowAt(times, [1, 2, 3, 4, 5], [0.5, 1.5, 2.5, 3.5, 4.5]);

        var result = ReferenceSmc.PreviousHighLow(bars, PandasFrequency.Parse("W"));

        Assert.That(result.PreviousHigh, Is.EqualTo(new[] { NaN, NaN, NaN, 2, 3 }));
    }

    [Test]
    public void Sessions_CustomWindowAcrossMidnight_InclusiveEndsAndRunningExtremes()
    {
        var times = new[] { "22:45", "23:00", "23:30", "00:00", "01:00", "01:15" }
            .Select((s, i) => TestBars.Start.AddDays(i >= 3 ? 1 : 0).Add(TimeSpan.Parse(s, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var bars = TestBars.HighLowAt(times, [9, 2, 3, 1, 4, 9], [0.1, 1.5, 1.2, 0.8, 1.0, 0.1]);

        var result = ReferenceSmc.Sessions(bars, TradingSession.Resolve("Custom", "23:00", "01:00"));

        Assert.That(result.Active, Is.EqualTo(new[] { 0, 1, 1, 1, 1, 0 }));
        Assert.That(result.High, Is.EqualTo(new[] { 0, 2, 3, 3, 4, 0 }));
        Assert.That(result.Low, Is.EqualTo(new[] { 0, 1.5f, 1.2f, 0.8f, 0.8f, 0 }.Select(x => (double)x)));
    }

    [Test]
    public void Sessions_UtcPlusTwo_ShiftsBarTimesTheInvertedWay()
    {
        var times = new[] { 14, 14.25 }.Select(h => TestBars.Start.AddHours(h)).ToArray();
        var bars = TestBars.HighLowAt(times, [2, 2], [1, 1]);

        var result = ReferenceSmc.Sessions(bars, TradingSession.Resolve("London"), ReferenceTimeZone.Parse("UTC+2"));

        // Etc/GMT+2 is UTC-2, so 14:00 becomes 16:00 (inside London, end inclusive) and 14:15 becomes 16:15.
        Assert.That(result.Active, Is.EqualTo(new[] { 1, 0 }));
    }

    [Test]
    public void Retracements_FourSwings_ShiftedAndBlankedUntilTheThirdChange()
    {
        var high = Enumerable.Repeat(2.0, 10).ToArray();
        var low = Enumerable.Repeat(1.0, 10).ToArray();
        (low[1], high[3], low[4], low[5], high[5], high[6], high[7], low[8]) = (1.0, 2.0, 1.75, 1.5, 1.6, 1.8, 3.0, 2.7);
        var bars = TestBars.HighLow(high, low);
        var swings = TestBars.Swings(bars, (1, -1), (3, 1), (5, -1), (7, 1));

        var result = ReferenceSmc.Retracements(bars, swings);

        Assert.That(result.Direction, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 1, -1, -1, 1, 1 }));
        Assert.That(result.CurrentRetracement, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 25, 20, 60, 0, 20.0 }));
        Assert.That(result.DeepestRetracement, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 25, 20, 60, 0, 20.0 }));
    }

    [TestCase(0.25, 0.2)]
    [TestCase(0.75, 0.8)]
    [TestCase(-0.25, -0.2)]
    [TestCase(26.94, 26.9)]
    public void Round1_Value_RoundsHalfToEvenAfterScaling(double x, double expected)
    {
        Assert.That(ReferenceSmc.Round1(x), Is.EqualTo(expected));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Run_TinyInputs_EveryFunctionReturnsOneRowPerBar(int count)
    {
        var bars = TestBars.HighLow(
            Enumerable.Range(0, count).Select(i => 2.0 + (i % 2)).ToArray(),
            Enumerable.Range(0, count).Select(i => 1.0 - (i % 2 * 0.5)).ToArray());

        foreach (var function in Enum.GetValues<ReferenceFunction>())
        {
            var table = ReferenceRunner.Run(function, bars, new ReferenceOptions { SwingLength = 1 });

            Assert.That(table.RowCount, Is.EqualTo(count), function.ToString());
        }
    }

    [Property]
    public bool SwingHighsLows_AnyBars_SwingsAlternateAndLevelsMatch(FsCheck.NonEmptyArray<FsCheck.PositiveInt> raw, FsCheck.PositiveInt length)
    {
        // Coarse prices make ties frequent, which is where the clean-up rules matter.
        var values = raw.Get.Select(x => (double)(x.Get % 7)).ToArray();
        var bars = TestBars.HighLow(values.Select(v => v + 1).ToArray(), values);
        var swings = ReferenceSmc.SwingHighsLows(bars, 1 + (length.Get % 4));

        var previous = 0.0;
        for (var i = 0; i < bars.Count; i++)
        {
            var type = swings.HighLow[i];
            if (double.IsNaN(type))
            {
                if (!double.IsNaN(swings.Level[i]))
                {
                    return false;
                }

                continue;
            }

            var expectedLevel = type == 1 ? bars.High[i] : bars.Low[i];
            if (swings.Level[i] != expectedLevel || (type == previous && i != bars.Count - 1 && i != 0))
            {
                return false;
            }

            previous = type;
        }

        return true;
    }

    private static OhlcSeries GapBars() => TestBars.Ohlc(
        (1.00, 1.10, 0.90, 1.05),
        (1.05, 1.30, 1.00, 1.25),
        (1.25, 1.50, 1.20, 1.45),
        (1.45, 1.70, 1.40, 1.65),
        (1.65, 1.68, 1.50, 1.52),
        (1.52, 1.55, 1.35, 1.40),
        (1.40, 1.42, 1.15, 1.18));

    /// <summary>Swings low(1)=a, high(3)=2.0, low(5)=c, high(7)=2.5; wick above 2.0 at row 6, first close above at 8.</summary>
    private static (OhlcSeries Bars, SwingHighsLowsResult Swings) StructureBars(double a, double c)
    {
        var high = Enumerable.Repeat(1.7, 10).ToArray();
        var low = Enumerable.Repeat(1.2, 10).ToArray();
        var close = Enumerable.Repeat(1.6, 10).ToArray();
        (low[1], high[3], low[5], high[7]) = (a, 2.0, c, 2.5);
        (high[6], high[8], close[8]) = (2.05, 2.2, 2.1);
        var bars = new OhlcSeries(TestBars.HighLow(high, low).Times, close, high, low, close, new double[10]);
        return (bars, TestBars.Swings(bars, (1, -1), (3, 1), (5, -1), (7, 1)));
    }

    private static OhlcSeries ObBars(double lastHigh) => TestBars.Ohlcv(
        (1.5, 1.6, 1.4, 1.5, 1),
        (1.5, 1.8, 1.45, 1.7, 1),
        (1.7, 2.0, 1.6, 1.9, 1),
        (1.9, 1.95, 1.5, 1.6, 1),
        (1.6, 1.7, 1.2, 1.3, 10),
        (1.3, 1.6, 1.2, 1.5, 20),
        (1.5, 2.1, 1.45, 2.05, 30),
        (2.05, 2.1, 1.9, 2.0, 1),
        (2.0, 2.05, 1.1, 1.3, 1),
        (1.3, 1.5, 1.1, 1.15, 1),
        (1.15, lastHigh, 1.1, 1.2, 1));

    /// <summary>Swing highs 5.0 (row 2), 5.3 (4), 5.6 (6), 4.6 (8); data range 10 - 0.</summary>
    private static (OhlcSeries Bars, SwingHighsLowsResult Swings) LiquidityBars()
    {
        var high = Enumerable.Repeat(5.0, 12).ToArray();
        var low = Enumerable.Repeat(4.0, 12).ToArray();
        (high[4], high[6], high[8], high[10], low[8], low[11]) = (5.3, 5.6, 4.6, 10, 3.0, 0);
        var bars = TestBars.HighLow(high, low);
        return (bars, TestBars.Swings(bars, (2, 1), (4, 1), (6, 1), (8, 1)));
    }
}
