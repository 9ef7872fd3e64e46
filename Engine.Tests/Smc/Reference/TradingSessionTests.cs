using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class TradingSessionTests
{
    [TestCase("London", 7 * 60, true)]
    [TestCase("London", 16 * 60, true)]
    [TestCase("London", 16 * 60 + 1, false)]
    [TestCase("Sydney", 23 * 60, true)]
    [TestCase("Sydney", 6 * 60, true)]
    [TestCase("Sydney", 12 * 60, false)]
    [TestCase("London open kill zone", 6 * 60, true)]
    [TestCase("london close kill zone", 13 * 60 + 59, false)]
    public void Contains_BuiltInWindow_EndsInclusive(string name, int minute, bool expected)
    {
        Assert.That(TradingSession.Resolve(name).Contains(minute), Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_CustomSameStartAndEnd_WrapsTheWholeDay()
    {
        // start >= end is the wrapping branch: every minute is >= start or <= end.
        var session = TradingSession.Resolve("Custom", "10:00", "10:00");

        Assert.That(Enumerable.Range(0, 1440).All(session.Contains), Is.True);
    }

    [TestCase("london")]
    [TestCase("NewYork")]
    public void Resolve_UnknownOrMiscasedName_Throws(string name)
    {
        Assert.Throws<FormatException>(() => TradingSession.Resolve(name));
    }

    [TestCase("25:00")]
    [TestCase("10-00")]
    [TestCase("")]
    public void Resolve_CustomBadTime_Throws(string time)
    {
        Assert.Throws<FormatException>(() => TradingSession.Resolve("Custom", time, "12:00"));
    }
}
