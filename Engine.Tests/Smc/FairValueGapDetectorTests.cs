using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class FairValueGapDetectorTests
{
    private static List<Bar> GapThenTouch() =>
    [
        BarScript.At(0, 100, 105, 99, 104),
        BarScript.At(1, 104, 130, 103, 129), // displacement candle
        BarScript.At(2, 129, 135, 120, 134), // low 120 > first high 105: bullish gap 105..120
        BarScript.At(3, 134, 140, 125, 138), // i+2, no touch (low 125 > 120)
        BarScript.At(4, 138, 139, 119, 121), // touches the near edge (120): mitigated
    ];

    [Test]
    public void OnBar_ThreeCandleGap_DetectedOnMiddleAndMitigatedOnFirstTouch()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(GapThenTouch());
        var gap = log.Of(DecisionType.FairValueGapDetected).Single();
        Assert.That((gap.Code, gap.A, gap.B, gap.C), Is.EqualTo((1, 120L, 105L, 1L)));
        var mitigated = log.Of(DecisionType.FairValueGapMitigated).Single();
        Assert.That((mitigated.Id, mitigated.C), Is.EqualTo((gap.Id, 4L)));
    }

    [TestCase(1.0, 1)]
    [TestCase(1.5, 0)]
    public void OnBar_MinAtrFraction_FiltersSmallGaps(decimal fraction, int expected)
    {
        // ATR(1) at the third candle is its true range, 15; the gap is 15 (105..120).
        var options = new SmcOptions
        {
            Timeframes = [900],
            ShortSwingLength = 2,
            LongSwingLength = 3,
            BarCapacity = 64,
            AtrPeriod = 1,
            FvgMinAtrFraction = fraction,
            ContextTimeframeSeconds = 0,
            JournalBarsFromSeconds = int.MaxValue,
            Strategy = new() { Enabled = false },
        };
        Assert.That(new DecisionLog(options).Feed(GapThenTouch()).Of(DecisionType.FairValueGapDetected).Count(), Is.EqualTo(expected));
    }
}
