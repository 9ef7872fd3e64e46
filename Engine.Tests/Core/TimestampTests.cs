using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class TimestampTests
{
    [Test]
    public void FromDateTime_KnownInstant_GivesUnixNanoseconds()
    {
        var ts = Timestamp.FromDateTime(new DateTime(2014, 5, 2, 12, 30, 1, 521, DateTimeKind.Utc));
        Assert.That(ts.UnixNanoseconds, Is.EqualTo(1_399_033_801_521_000_000L));
        Assert.That(ts.UnixMilliseconds, Is.EqualTo(1_399_033_801_521L));
        Assert.That(ts.ToMillisecondString(), Is.EqualTo("2014-05-02 12:30:01.521"));
        Assert.That(ts.ToString(), Is.EqualTo("2014-05-02T12:30:01.521000000Z"));
    }

    [Test]
    public void FromDateTime_LocalKind_Throws() =>
        Assert.Throws<ArgumentException>(() => Timestamp.FromDateTime(new DateTime(2014, 5, 2, 0, 0, 0, DateTimeKind.Local)));

    [TestCase("2014-05-02 12:30:01.521", 1_399_033_801_521_000_000L)]
    [TestCase("2014-05-02T12:30:01.521000001Z", 1_399_033_801_521_000_001L)]
    [TestCase("2014-05-02 12:30:01", 1_399_033_801_000_000_000L)]
    [TestCase("1970-01-01", 0L)]
    public void Parse_IsoText_GivesNanoseconds(string text, long expected) =>
        Assert.That(Timestamp.Parse(text).UnixNanoseconds, Is.EqualTo(expected));

    [TestCase("2014-13-02 12:30:01")]
    [TestCase("yesterday")]
    [TestCase("2014-05-02 12:30:01.")]
    [TestCase("2014-05-02 12:30:01.1234567890")]
    public void Parse_BadText_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => Timestamp.Parse(text));

    [Property(MaxTest = 2000)]
    public bool ToStringThenParse_AnyInstantAfterEpoch_RoundTrips(long nanos)
    {
        var ts = new Timestamp(Math.Abs(nanos % 4_000_000_000_000_000_000L));
        return Timestamp.Parse(ts.ToString()) == ts;
    }

    [Test]
    public void UnixMilliseconds_NegativeNanos_FloorsTowardsMinusInfinity() =>
        Assert.That(new Timestamp(-1).UnixMilliseconds, Is.EqualTo(-1));
}
