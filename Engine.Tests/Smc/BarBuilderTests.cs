using IctEngine.Core;
using IctEngine.Smc.Bars;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class BarBuilderTests
{
    private static long T(string utc) => Timestamp.Parse(utc).UnixNanoseconds;

    [Test]
    public void OnTick_TicksInOnePeriod_AggregateBidOhlcAndCount()
    {
        var b = new BarBuilder(300, new TradingDayCalendar(DailyBoundary.UtcMidnight));
        Assert.That(b.OnTick(T("2014-05-05 10:01:00"), 100, out _), Is.False);
        b.OnTick(T("2014-05-05 10:02:00"), 105, out _);
        b.OnTick(T("2014-05-05 10:03:00"), 98, out _);
        b.OnTick(T("2014-05-05 10:04:59.999"), 101, out _);
        Assert.That(b.OnTick(T("2014-05-05 10:05:00"), 102, out var closed), Is.True);
        Assert.That((closed.Open, closed.High, closed.Low, closed.Close, closed.TickCount), Is.EqualTo((100L, 105L, 98L, 101L, 4L)));
        Assert.That(closed.OpenTimeNs, Is.EqualTo(T("2014-05-05 10:00:00")));
        Assert.That(closed.EndTimeNs, Is.EqualTo(T("2014-05-05 10:05:00")));
        Assert.That(b.Current.OpenTimeNs, Is.EqualTo(T("2014-05-05 10:05:00")));
    }

    [Test]
    public void OnTick_GapWithoutTicks_ProducesNoEmptyBars()
    {
        var b = new BarBuilder(60, new TradingDayCalendar(DailyBoundary.UtcMidnight));
        b.OnTick(T("2014-05-05 10:00:30"), 100, out _);
        Assert.That(b.OnTick(T("2014-05-05 10:07:10"), 101, out var closed), Is.True);
        Assert.That(closed.OpenTimeNs, Is.EqualTo(T("2014-05-05 10:00:00")));
        Assert.That(b.Current.OpenTimeNs, Is.EqualTo(T("2014-05-05 10:07:00")), "the next bar starts at the tick's minute, nothing in between");
    }

    [Test]
    public void TryCloseDue_TimerAtOrAfterEnd_ClosesOnceWithoutNextTick()
    {
        var b = new BarBuilder(300, new TradingDayCalendar(DailyBoundary.UtcMidnight));
        b.OnTick(T("2014-05-05 10:01:00"), 100, out _);
        Assert.That(b.TryCloseDue(T("2014-05-05 10:04:59.999"), out _), Is.False);
        Assert.That(b.TryCloseDue(T("2014-05-05 10:05:00"), out var closed), Is.True);
        Assert.That(closed.Close, Is.EqualTo(100));
        Assert.That(b.TryCloseDue(T("2014-05-05 10:06:00"), out _), Is.False, "a closed bar is not closed twice");
        Assert.That(b.OnTick(T("2014-05-05 10:06:00"), 101, out _), Is.False, "the next tick opens a new bar, nothing left to close");
    }

    [Test]
    public void OnTick_LateTickAfterTimerClose_NeverReopensTheClosedPeriod()
    {
        var b = new BarBuilder(300, new TradingDayCalendar(DailyBoundary.UtcMidnight));
        b.OnTick(T("2014-05-05 10:01:00"), 100, out _);
        b.TryCloseDue(T("2014-05-05 10:05:00.100"), out _);
        Assert.That(b.OnTick(T("2014-05-05 10:04:59.900"), 99, out _), Is.False);
        Assert.That(b.Current.OpenTimeNs, Is.EqualTo(T("2014-05-05 10:05:00")), "the late tick opens the next period");
    }

    [TestCase("2014-03-07 21:59:00", "2014-03-06 22:00:00", "2014-03-07 22:00:00")] // EST: 17:00 NY = 22:00 UTC
    [TestCase("2014-03-10 20:30:00", "2014-03-09 21:00:00", "2014-03-10 21:00:00")] // after the March switch: 21:00 UTC
    [TestCase("2014-03-10 21:00:00", "2014-03-10 21:00:00", "2014-03-11 21:00:00")]
    [TestCase("2014-11-03 21:30:00", "2014-11-02 22:00:00", "2014-11-03 22:00:00")] // after the November switch
    [TestCase("2014-10-31 20:59:59", "2014-10-30 21:00:00", "2014-10-31 21:00:00")]
    public void OnTick_NewYork1700Boundary_D1FollowsUsDaylightSaving(string tick, string open, string end)
    {
        var b = new BarBuilder(86_400, new TradingDayCalendar(DailyBoundary.NewYork1700));
        b.OnTick(T(tick), 100, out _);
        Assert.That(b.Current.OpenTimeNs, Is.EqualTo(T(open)));
        Assert.That(b.Current.EndTimeNs, Is.EqualTo(T(end)));
    }

    [Test]
    public void OnTick_NewYork1700Boundary_H4AlignedToTheTradingDay()
    {
        var b = new BarBuilder(14_400, new TradingDayCalendar(DailyBoundary.NewYork1700));
        b.OnTick(T("2014-05-05 02:30:00"), 100, out _); // EDT: day starts 21:00 UTC, H4 bars 21, 01, 05...
        Assert.That(b.Current.OpenTimeNs, Is.EqualTo(T("2014-05-05 01:00:00")));
        var u = new BarBuilder(14_400, new TradingDayCalendar(DailyBoundary.UtcMidnight));
        u.OnTick(T("2014-05-05 02:30:00"), 100, out _);
        Assert.That(u.Current.OpenTimeNs, Is.EqualTo(T("2014-05-05 00:00:00")));
    }

    [Test]
    public void OnTick_NewYorkDayAcrossMarchSwitch_Is23HoursLong()
    {
        var b = new BarBuilder(86_400, new TradingDayCalendar(DailyBoundary.NewYork1700));
        b.OnTick(T("2014-03-09 12:00:00"), 100, out _); // the trading day containing the 2014-03-09 switch
        Assert.That(b.Current.EndTimeNs - b.Current.OpenTimeNs, Is.EqualTo(23 * Timestamp.NanosPerHour));
    }
}
