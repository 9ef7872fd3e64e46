using IctEngine.Risk;
using NUnit.Framework;

namespace IctEngine.Tests.Risk;

[TestFixture]
public sealed class ReturnCorrelationTests
{
    private const long Bar = 300_000_000_000L;

    private static ReturnCorrelation Feed(int bars, Func<int, long> a, Func<int, long> b)
    {
        var correlation = new ReturnCorrelation(2, TimeSpan.FromMinutes(5), 48);
        for (var i = 0; i <= bars; i++)
        {
            correlation.OnTick(0, (i * Bar) + 1, a(i));
            correlation.OnTick(1, (i * Bar) + 2, b(i));
        }

        return correlation;
    }

    private static long Wiggle(int i) => 220_000 + (i * 7 % 11 * 40) + (i % 3 * 25);

    [Test]
    public void Correlation_SameReturns_IsOne()
    {
        var correlation = Feed(30, Wiggle, i => Wiggle(i) * 2);

        Assert.That(correlation.Correlation(0, 1, 20), Is.EqualTo(1.0).Within(1e-6));
    }

    [Test]
    public void Correlation_MirroredMoves_IsMinusOne()
    {
        var correlation = Feed(30, Wiggle, i => 440_000 - Wiggle(i));

        Assert.That(correlation.Correlation(0, 1, 20), Is.LessThan(-0.99));
    }

    [Test]
    public void Correlation_TooFewCommonBars_IsNaN()
    {
        var correlation = Feed(10, Wiggle, Wiggle);

        Assert.That(double.IsNaN(correlation.Correlation(0, 1, 20)), Is.True);
    }
}
