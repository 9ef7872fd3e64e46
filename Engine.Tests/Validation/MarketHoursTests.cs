using IctEngine.Core;
using IctEngine.Tests.Support;
using IctEngine.Validation;
using NUnit.Framework;

namespace IctEngine.Tests.Validation;

[TestFixture]
public sealed class MarketHoursTests
{
    [TestCase("2014-05-02 20:59:00", true)]
    [TestCase("2014-05-02 21:00:00", false)]
    [TestCase("2014-05-03 12:00:00", false)]
    [TestCase("2014-05-04 20:59:00", false)]
    [TestCase("2014-05-04 21:00:00", true)]
    [TestCase("2012-12-07 21:30:00", true)]
    [TestCase("2012-12-07 22:00:00", false)]
    [TestCase("2012-12-02 22:00:00", true)]
    public void IsOpen_Forex_FollowsNewYorkFivePm(string utc, bool open)
    {
        Assert.That(MarketHours.Forex.IsOpen(TickTestData.Utc(utc)), Is.EqualTo(open));
    }

    [TestCase("2014-05-06 21:30:00", false)]
    [TestCase("2014-05-06 22:00:00", true)]
    [TestCase("2014-05-04 21:30:00", false)]
    public void IsOpen_Metals_HasTheDailyBreak(string utc, bool open)
    {
        Assert.That(MarketHours.Metals.IsOpen(TickTestData.Utc(utc)), Is.EqualTo(open));
    }

    [Test]
    public void OpenNanosBetween_Weekend_CountsOnlyOpenMinutes()
    {
        var open = MarketHours.Forex.OpenNanosBetween(TickTestData.Utc("2014-05-02 20:50:00"), TickTestData.Utc("2014-05-04 21:10:00"));

        Assert.That(open, Is.EqualTo(20 * Timestamp.NanosPerMinute));
    }

    [Test]
    public void OpenNanosBetween_AlwaysOpen_IsTheWholeSpan()
    {
        Assert.That(MarketHours.AlwaysOpen.OpenNanosBetween(0, Timestamp.NanosPerDay * 3), Is.EqualTo(Timestamp.NanosPerDay * 3));
    }
}
