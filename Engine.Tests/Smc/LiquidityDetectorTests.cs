using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;
using IctEngine.Smc.Structure;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class LiquidityDetectorTests
{
    // Two swing highs at 50 and 51 (equal within 2 units) separated by a swing low, a third high far below, then a
    // wick above 50 + 2 that closes back below: a liquidity grab. (The lows 20 and 21 form a sell-side pool too.)
    private static readonly (long H, long L)[] Script =
    [
        (40, 30), (42, 32), (44, 34), (46, 36), (50, 40), (45, 35), (40, 30), (38, 28), (36, 20), (38, 26), (42, 30),
        (46, 34), (51, 41), (47, 37), (43, 33), (39, 29), (35, 21), (37, 25), (40, 30), (41, 31), (39, 29), (36, 26),
        (34, 24), (40, 30), (55, 35),
    ];

    private static List<Bar> Bars() => [.. Script.Select((b, i) => BarScript.At(i, b.L + 1, b.H, b.L, i == Script.Length - 1 ? 45 : b.L + 1))];

    private static SmcOptions Options() => new()
    {
        Timeframes = [900],
        ShortSwingLength = 2,
        LongSwingLength = 3,
        BarCapacity = 64,
        EqualLevelToleranceUnits = 2,
        ContextTimeframeSeconds = 0,
        JournalBarsFromSeconds = int.MaxValue,
        Strategy = new() { Enabled = false },
    };

    [Test]
    public void OnBar_TwoHighsWithinTolerance_PoolDetectedThenGrabbed()
    {
        var log = new DecisionLog(Options()).Feed(Bars());
        var pool = log.Of(DecisionType.LiquidityDetected).Single(d => d.Code > 0);
        Assert.That((pool.Code, pool.B, pool.C, pool.D, pool.E), Is.EqualTo((1, 4L, 12L, 2L, 101L)), "head bar 4, end bar 12, 2 members summing 101");
        var sweep = log.Of(DecisionType.LiquiditySwept).Single(d => d.Code > 0);
        Assert.That((sweep.Code, sweep.Ref0, sweep.B, sweep.C), Is.EqualTo((SmcCodes.SweepClosedInside, pool.Id, 55L, 24L)), "wick 55 > 50 + 2, close 45 back below 50");
    }
}
