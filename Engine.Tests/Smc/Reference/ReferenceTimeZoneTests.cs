using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class ReferenceTimeZoneTests
{
    [TestCase("UTC", 0)]
    [TestCase("UTC+2", 2)]
    [TestCase("GMT-5", -5)]
    public void Parse_Offset_InvertedPosixSign(string text, int hours)
    {
        Assert.That(ReferenceTimeZone.Parse(text).ShiftToUtc, Is.EqualTo(TimeSpan.FromHours(hours)));
    }

    [TestCase("Europe/London")]
    [TestCase("UTC+13")]
    [TestCase("UTC+5:30")]
    public void Parse_Unsupported_Throws(string text)
    {
        Assert.Throws<FormatException>(() => ReferenceTimeZone.Parse(text));
    }
}
