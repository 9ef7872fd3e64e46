using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class SmcSeriesTests
{
    /// <summary>
    /// The order block, fair value gap and liquidity detectors skip their scan on bars that reach none of the levels
    /// they hold: over random walks (small capacities, so the oldest zones and pools are dropped too; both mitigation
    /// modes; float32 ties; joined gaps) that changes no decision, in content or order.
    /// </summary>
    [Property(MaxTest = 60)]
    public bool OnBarClosed_ScanSkippedOnBarsReachingNoLevel_SameDecisionsAsScanningEveryBar(int seed, bool closeMitigation, bool ties, bool join)
    {
        var options = new SmcOptions
        {
            Timeframes = [900],
            ShortSwingLength = 2 + (Math.Abs(seed) % 3),
            LongSwingLength = 6,
            BarCapacity = 64,
            AtrPeriod = 5,
            JournalBarsFromSeconds = int.MaxValue,
            ContextTimeframeSeconds = 0,
            ObCloseMitigation = closeMitigation,
            ReferenceFloat32Ties = ties,
            FvgJoinConsecutive = join,
            ActiveZoneCapacity = 12,
            LiquidityCapacity = 6,
            EqualLevelToleranceUnits = 1 + (Math.Abs(seed) % 4),
            Strategy = new() { Enabled = false },
        };
        var bars = RandomWalk(seed, 3000);
        var skipping = new DecisionLog(options).Feed(bars).Decisions;
        var scanning = new DecisionLog(options);
        scanning.Series.ScansEveryBar = true;
        scanning.Feed(bars);
        return skipping.Count > 100 && skipping.SequenceEqual(scanning.Decisions);
    }

    [Test]
    public void OnBarClosed_SampleWeekM1_SameDecisionsAsScanningEveryBar()
    {
        var bars = new List<Bar>();
        var builder = new BarBuilder(60, new TradingDayCalendar(DailyBoundary.NewYork1700));
        foreach (var tick in SampleTicks.Load())
        {
            if (builder.OnTick(tick.TimeNs, tick.Bid, out var closed))
            {
                bars.Add(closed);
            }
        }

        var options = new SmcOptions { Strategy = new() { Enabled = false } };
        var skipping = new DecisionLog(options, 60).Feed(bars).Decisions;
        var scanning = new DecisionLog(options, 60);
        scanning.Series.ScansEveryBar = true;
        scanning.Feed(bars);
        Assert.That(skipping.Count(d => d.Type is DecisionType.OrderBlockMitigated or DecisionType.FairValueGapMitigated or DecisionType.LiquiditySwept), Is.GreaterThan(100));
        Assert.That(skipping, Is.EqualTo(scanning.Decisions));
    }

    /// <summary>Bars of a random walk in small integer units (many equal levels, so ties and touches are common).</summary>
    private static List<Bar> RandomWalk(int seed, int count)
    {
        var random = new Random(seed);
        var bars = new List<Bar>(count);
        long close = 1_000;
        for (var i = 0; i < count; i++)
        {
            var open = close;
            close = Math.Max(10, open + random.Next(-6, 7));
            var high = Math.Max(open, close) + random.Next(0, 4);
            var low = Math.Min(open, close) - random.Next(0, 4);
            bars.Add(BarScript.At(i, open, high, low, close));
        }

        return bars;
    }
}
