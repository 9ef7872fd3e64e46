using IctEngine.Risk;
using NUnit.Framework;

namespace IctEngine.Tests.Risk;

[TestFixture]
public sealed class OrderRateLimiterTests
{
    [Test]
    public void Allows_MoreThanMaxWithinOneSecond_RefusesUntilTheOldestAges()
    {
        var limiter = new OrderRateLimiter(2);
        limiter.Record(0);
        limiter.Record(400_000_000);

        Assert.That(limiter.Allows(999_999_999), Is.False);
        Assert.That(limiter.Allows(1_000_000_000), Is.True);
    }
}
