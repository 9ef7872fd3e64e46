using System.Globalization;
using System.Text;
using FsCheck;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class TickFieldParserTests
{
    [Property(MaxTest = 500)]
    public bool TryDateToUnixNanos_AnyDate_MatchesDateTime(PositiveInt dayOffset)
    {
        var date = new DateTime(1970, 1, 1).AddDays(dayOffset.Get % 80_000);

        return TickFieldParser.TryDateToUnixNanos(date.Year, date.Month, date.Day, out var nanos)
            && nanos == (date - DateTime.UnixEpoch).Ticks * 100;
    }

    [Property(MaxTest = 500)]
    public bool TryMillisecondsToNanos_FormattedNanos_RoundTrips(NonNegativeInt millis, NonNegativeInt fraction)
    {
        var ms = millis.Get % 86_400_000;
        var micro = fraction.Get % 1_000_000;
        var text = micro == 0
            ? ms.ToString(CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture) + "." + micro.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');

        return TickFieldParser.TryMillisecondsToNanos(Encoding.ASCII.GetBytes(text), out var nanos)
            && nanos == (ms * 1_000_000L) + micro;
    }

    [TestCase("")]
    [TestCase(".5")]
    [TestCase("5.")]
    [TestCase("5.1234567")]
    [TestCase("-5")]
    [TestCase("1e3")]
    public void TryMillisecondsToNanos_NotMilliseconds_IsFalse(string text)
    {
        Assert.That(TickFieldParser.TryMillisecondsToNanos(Encoding.ASCII.GetBytes(text), out _), Is.False);
    }

    [TestCase(2014, 2, 29)]
    [TestCase(2014, 13, 1)]
    [TestCase(1969, 12, 31)]
    public void TryDateToUnixNanos_InvalidDate_IsFalse(int y, int m, int d)
    {
        Assert.That(TickFieldParser.TryDateToUnixNanos(y, m, d, out _), Is.False);
    }
}
