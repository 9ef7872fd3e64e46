using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class SystemClockTests
{
    [Test]
    public void UtcNowNanos_ComparedToDateTime_IsWithinASecond()
    {
        var clock = new SystemClock();
        var wall = Timestamp.FromDateTime(DateTime.UtcNow).UnixNanoseconds;
        Assert.That(Math.Abs(clock.UtcNowNanos - wall), Is.LessThan(Timestamp.NanosPerSecond));
    }

    [Test]
    public void UtcNowNanos_ReadRepeatedly_NeverGoesBackwards()
    {
        var clock = new SystemClock();
        var last = clock.UtcNowNanos;
        for (var i = 0; i < 100_000; i++)
        {
            var now = clock.UtcNowNanos;
            Assert.That(now, Is.GreaterThanOrEqualTo(last));
            last = now;
        }
    }
}
