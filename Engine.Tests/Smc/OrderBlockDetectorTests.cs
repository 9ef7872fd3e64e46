using IctEngine.Core;
using IctEngine.Smc.Bars;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class OrderBlockDetectorTests
{
    // (high, low, close): a swing high at bar 4 (30), a pullback whose lowest candle is bar 7 (low 12), a close above
    // 30 at bar 9 (bullish OB = bar 7: 16..12), then a trade below 12 (mitigated), a retest from below (breaker) and
    // a high above 16 (invalidated).
    private static readonly (long H, long L, long C)[] Script =
    [
        (20, 10, 15), (22, 12, 20), (24, 14, 22), (26, 16, 25), (30, 20, 28), (28, 18, 19), (25, 15, 16),
        (16, 12, 13), (20, 14, 19), (33, 19, 32), (34, 28, 33), (33, 11, 11), (13, 8, 9), (14, 9, 12), (17, 9, 10),
    ];

    private static List<Bar> Bars() => [.. Script.Select((b, i) => BarScript.At(i, b.C, b.H, b.L, b.C))];

    [Test]
    public void OnBar_CloseAboveSwingHigh_LowestCandleOfThePullbackIsTheOrderBlock()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(Bars());
        var ob = log.Of(DecisionType.OrderBlockDetected).Single(d => d.Code > 0);
        Assert.That((ob.A, ob.B, ob.C, ob.D), Is.EqualTo((16L, 12L, 7L, 9L)), "top, bottom, OB candle, breaking bar");
    }

    [Test]
    public void OnBar_TradeThroughRetestAndReclaim_MitigatedBreakerInvalidated()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(Bars());
        var ob = log.Of(DecisionType.OrderBlockDetected).Single(d => d.Code > 0);
        var mitigated = log.Of(DecisionType.OrderBlockMitigated).Single(d => d.Id == ob.Id);
        Assert.That((mitigated.C, mitigated.D), Is.EqualTo((10L, 11L)), "the reference's MitigatedIndex is one less than the mitigating bar for bullish OBs");
        var breaker = log.Of(DecisionType.BreakerBlockDetected).Single(d => d.Ref0 == ob.Id);
        Assert.That((breaker.Code, breaker.C), Is.EqualTo((-1, 12L)), "bar 12 trades back up into the block from below: a bearish breaker");
        var invalidated = log.Of(DecisionType.StructureInvalidated).Single(d => d.Id == ob.Id);
        Assert.That(invalidated.C, Is.EqualTo(14), "a high above the top erases it, as the reference does");
    }
}
