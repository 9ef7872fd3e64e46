using IctEngine.Core;
using IctEngine.Risk;
using NUnit.Framework;

namespace IctEngine.Tests.Risk;

[TestFixture]
public sealed class DailyResetScheduleTests
{
    private static long At(string utc) => Timestamp.Parse(utc).UnixNanoseconds;

    [TestCase("2024-01-15 12:00:00", "2024-01-15 23:00:00")] // winter: CET = UTC+1
    [TestCase("2024-07-15 12:00:00", "2024-07-15 22:00:00")] // summer: CEST = UTC+2
    [TestCase("2024-03-30 12:00:00", "2024-03-30 23:00:00")] // the night before the spring switch is still CET
    [TestCase("2024-03-30 23:00:00", "2024-03-31 22:00:00")] // 31 March is a 23-hour day
    [TestCase("2024-10-26 22:00:00", "2024-10-27 23:00:00")] // 27 October is a 25-hour day
    public void NextResetNs_PragueMidnight_FollowsDst(string now, string expected)
    {
        var schedule = new DailyResetSchedule("Europe/Prague");

        Assert.That(new Timestamp(schedule.NextResetNs(At(now))), Is.EqualTo(Timestamp.Parse(expected)));
    }

    [Test]
    public void TradingDate_JustAfterPragueMidnight_IsTheNewLocalDate()
    {
        var schedule = new DailyResetSchedule("Europe/Prague");

        Assert.That(schedule.TradingDate(At("2024-07-15 22:00:01")), Is.EqualTo(20240716));
        Assert.That(schedule.TradingDate(At("2024-07-15 21:59:59")), Is.EqualTo(20240715));
    }

    [Test]
    public void Constructor_UnknownZone_Throws()
    {
        Assert.That(() => new DailyResetSchedule("Mars/Olympus"), Throws.ArgumentException.With.Message.Contains("Mars/Olympus"));
    }
}
