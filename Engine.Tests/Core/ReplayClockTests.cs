using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class ReplayClockTests
{
    [Test]
    public void AdvanceTo_LaterTime_MovesClock()
    {
        var clock = new ReplayClock(100);
        Assert.That(clock.AdvanceTo(250), Is.EqualTo(250));
        Assert.That(clock.UtcNowNanos, Is.EqualTo(250));
    }

    [Test]
    public void AdvanceTo_EarlierTime_KeepsClock()
    {
        var clock = new ReplayClock(500);
        Assert.That(clock.AdvanceTo(10), Is.EqualTo(500));
        Assert.That(clock.UtcNowNanos, Is.EqualTo(500));
    }
}
