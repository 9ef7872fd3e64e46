using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class SourceTimeZoneTests
{
    [TestCase("+02:00", "2020-01-01 12:00:00", "2020-01-01 10:00:00")]
    [TestCase("UTC-5", "2020-01-01 12:00:00", "2020-01-01 17:00:00")]
    [TestCase("-0530", "2020-01-01 12:00:00", "2020-01-01 17:30:00")]
    [TestCase("UTC", "2020-01-01 12:00:00", "2020-01-01 12:00:00")]
    [TestCase("Europe/Athens", "2020-01-15 12:00:00", "2020-01-15 10:00:00")]
    [TestCase("Europe/Athens", "2020-07-15 12:00:00", "2020-07-15 09:00:00")]
    [TestCase("America/New_York", "2014-05-02 08:30:00", "2014-05-02 12:30:00")]
    public void ToUtc_Zone_ConvertsLocalTime(string zone, string local, string utc)
    {
        var tz = SourceTimeZone.Parse(zone);

        Assert.That(tz.ToUtc(TickTestData.Utc(local)), Is.EqualTo(TickTestData.Utc(utc)));
    }

    [Test]
    public void ToUtc_AcrossDstTransitions_UsesEachPeriodsOffset()
    {
        var tz = SourceTimeZone.Parse("Europe/Athens");

        // 2020-03-29 03:00 local: EET (+2) becomes EEST (+3). Convert in increasing order, as a file is read.
        Assert.That(tz.ToUtc(TickTestData.Utc("2020-03-29 02:59:59")), Is.EqualTo(TickTestData.Utc("2020-03-29 00:59:59")));
        Assert.That(tz.ToUtc(TickTestData.Utc("2020-03-29 04:00:00")), Is.EqualTo(TickTestData.Utc("2020-03-29 01:00:00")));
        Assert.That(tz.ToUtc(TickTestData.Utc("2020-10-25 05:00:00")), Is.EqualTo(TickTestData.Utc("2020-10-25 03:00:00")));
    }

    [TestCase("Mars/Olympus")]
    [TestCase("+25:00")]
    public void Parse_NotAZone_ThrowsFormatException(string text)
    {
        Assert.That(() => SourceTimeZone.Parse(text), Throws.InstanceOf<FormatException>());
    }
}
