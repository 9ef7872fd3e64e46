using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;
using IctEngine.Smc.Structure;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class PreviousHighLowDetectorTests
{
    private static long T(string utc) => Timestamp.Parse(utc).UnixNanoseconds;

    private static Bar M5(string open, long high, long low) => new(T(open), T(open) + (5 * Timestamp.NanosPerMinute), low, high, low, high);

    private static SmcOptions Options(DailyBoundary boundary) => new()
    {
        Timeframes = [300],
        DailyBoundary = boundary,
        ShortSwingLength = 2,
        LongSwingLength = 3,
        BarCapacity = 64,
        JournalBarsFromSeconds = int.MaxValue,
        ContextTimeframeSeconds = 300,
        PreviousPeriods = [86_400],
        Sessions = [],
        Strategy = new() { Enabled = false },
    };

    [Test]
    public void OnBar_NewYorkBoundary_DayRollsAt2100UtcInSummerAndBreaksAreReportedOnce()
    {
        List<Bar> bars =
        [
            M5("2014-05-05 20:50:00", 110, 100),
            M5("2014-05-05 20:55:00", 120, 105), // previous day: high 120, low 100
            M5("2014-05-05 21:00:00", 115, 108), // 17:00 New York (EDT): a new trading day
            M5("2014-05-05 21:05:00", 121, 109), // above 120: previous day high broken
            M5("2014-05-05 21:10:00", 125, 99),  // broken again (not reported) and below 100
        ];
        var log = new DecisionLog(Options(DailyBoundary.NewYork1700), 300).Feed(bars);
        var period = log.Of(DecisionType.SessionEvent).Single(d => d.Code == SmcCodes.PeriodStarted);
        Assert.That((period.A, period.B, period.D), Is.EqualTo((120L, 100L, 2L)));
        var breaks = log.Of(DecisionType.PreviousHighLowBroken).Select(d => (d.Code, d.A, d.D)).ToList();
        Assert.That(breaks, Is.EqualTo(new[] { (1, 120L, 3L), (-1, 100L, 4L) }));
    }

    [Test]
    public void OnBar_UtcBoundary_NoRollAt2100()
    {
        List<Bar> bars = [M5("2014-05-05 20:55:00", 120, 100), M5("2014-05-05 21:00:00", 125, 95)];
        var log = new DecisionLog(Options(DailyBoundary.UtcMidnight), 300).Feed(bars);
        Assert.That(log.Of(DecisionType.SessionEvent), Is.Empty);
        Assert.That(log.Of(DecisionType.PreviousHighLowBroken), Is.Empty);
    }
}
