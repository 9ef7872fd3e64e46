using IctEngine.Core;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class RetracementTrackerTests
{
    [Test]
    public void OnBar_PullbackFromHigh_ReportsDiscountAndOte()
    {
        // Long swings (n = 3): a low at bar 4 (9), a high at bar 10 (101), then a pullback to 30 (about 77 % of the leg).
        long[] closes = [40, 30, 20, 15, 10, 20, 40, 60, 80, 95, 100, 90, 80, 70, 60, 50, 40, 30, 30, 30];
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(BarScript.FromCloses(closes));
        var updates = log.Of(DecisionType.RetracementUpdate).ToList();
        Assert.That(updates, Is.Not.Empty);
        var last = updates[^1];
        Assert.That((last.A, last.B, last.F), Is.EqualTo((101L, 9L, 1L)), "range 9..101, leg up");
        Assert.That(last.Code, Is.EqualTo(-1), "close 30 is in discount");
        Assert.That(last.E, Is.EqualTo(1), "retracement (101-30)/92 = 77 % is inside the 62-79 % OTE band");
        Assert.That(log.Series.Range.Equilibrium, Is.EqualTo(55));
    }
}
