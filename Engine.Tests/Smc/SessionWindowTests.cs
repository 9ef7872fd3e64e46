using IctEngine.Core;
using IctEngine.Smc.Structure;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class SessionWindowTests
{
    private static readonly SessionWindow LondonKillzone = SessionWindow.IctDefaults[1]; // 02:00-05:00 New York
    private static readonly SessionWindow London = SessionWindow.IctDefaults[6]; // 08:00-17:00 Europe/London

    private static long T(string utc) => Timestamp.Parse(utc).UnixNanoseconds;

    // US DST 2014: from 2014-03-09 to 2014-11-02. UK: 2014-03-30 to 2014-10-26.
    [TestCase("2014-03-07 07:00:00", true)]  // EST: 02:00 NY = 07:00 UTC
    [TestCase("2014-03-07 06:59:00", false)]
    [TestCase("2014-03-07 09:59:00", true)]
    [TestCase("2014-03-07 10:00:00", false)] // end exclusive
    [TestCase("2014-03-10 06:00:00", true)]  // EDT: 02:00 NY = 06:00 UTC
    [TestCase("2014-03-10 09:30:00", false)]
    [TestCase("2014-10-28 06:00:00", true)]  // still EDT in late October
    [TestCase("2014-11-03 06:30:00", false)] // EST again after 2014-11-02
    [TestCase("2014-11-03 07:00:00", true)]
    public void Contains_NewYorkKillzone_FollowsUsDaylightSaving(string utc, bool inside)
    {
        Assert.That(LondonKillzone.Contains(T(utc)), Is.EqualTo(inside));
    }

    [TestCase("2014-03-28 08:00:00", true)]  // GMT: 08:00 London = 08:00 UTC
    [TestCase("2014-03-31 07:00:00", true)]  // BST after 2014-03-30: 08:00 London = 07:00 UTC
    [TestCase("2014-03-31 16:00:00", false)] // 17:00 BST
    [TestCase("2014-10-24 07:00:00", true)]  // still BST
    [TestCase("2014-10-27 07:00:00", false)] // GMT after 2014-10-26
    [TestCase("2014-10-27 16:30:00", true)]
    public void Contains_LondonSession_FollowsUkDaylightSaving(string utc, bool inside)
    {
        Assert.That(London.Contains(T(utc)), Is.EqualTo(inside));
    }

    [TestCase("2014-05-05 16:00:00", true)] // the reference's end is inclusive
    [TestCase("2014-05-05 16:15:00", false)]
    [TestCase("2014-05-05 07:00:00", true)]
    [TestCase("2014-05-05 06:45:00", false)]
    public void Contains_ReferenceLondon_InclusiveEndInUtc(string utc, bool inside)
    {
        Assert.That(SessionWindow.ReferenceLondon.Contains(T(utc)), Is.EqualTo(inside));
    }

    [TestCase("2014-05-05 00:30:00", true)]  // 20:30 NY the day before (EDT)
    [TestCase("2014-05-05 04:00:00", false)] // 00:00 NY: end exclusive
    public void Contains_WindowWrappingMidnight_Works(string utc, bool inside)
    {
        Assert.That(SessionWindow.IctDefaults[0].Contains(T(utc)), Is.EqualTo(inside));
    }

    /// <summary>
    /// A cached offset (what <see cref="SessionDetector"/> keeps per window) answers like the uncached lookup for
    /// every instant of the span it was returned for, across daylight saving changes, for every default window.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool UtcOffsetTicks_AnyInstantOfItsSpan_ContainsAgreesWithTheLookup(uint seconds, uint laterSeconds, byte window)
    {
        var w = SessionWindow.IctDefaults[window % SessionWindow.IctDefaults.Count];
        var start = T("2000-01-01 00:00:00") + ((seconds % (31L * 365 * 86_400)) * Timestamp.NanosPerSecond);
        var offset = w.UtcOffsetTicks(start / 100, out var from, out var to);
        var later = start + ((laterSeconds % (400L * 86_400)) * Timestamp.NanosPerSecond);
        return from <= start / 100 && start / 100 < to
            && w.Contains(start, offset) == w.Contains(start)
            && (later / 100 >= to || w.Contains(later, offset) == w.Contains(later));
    }

    [TestCase("2014-03-09 06:59:00", "2014-03-09 07:00:00")] // US spring forward at 02:00 EST = 07:00 UTC
    [TestCase("2014-11-02 05:59:00", "2014-11-02 06:00:00")] // fall back at 02:00 EDT = 06:00 UTC
    public void UtcOffsetTicks_AcrossUsDaylightSavingChange_SpanEndsAtTheChange(string before, string after)
    {
        var offset = LondonKillzone.UtcOffsetTicks(T(before) / 100, out _, out var to);
        Assert.That(to, Is.EqualTo(T(after) / 100));
        Assert.That(LondonKillzone.UtcOffsetTicks(T(after) / 100, out var from, out _), Is.Not.EqualTo(offset));
        Assert.That(from, Is.EqualTo(to));
    }
}
