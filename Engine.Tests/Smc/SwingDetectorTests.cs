using IctEngine.Core;
using IctEngine.Smc.Structure;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class SwingDetectorTests
{
    [Test]
    public void OnBar_Peak_ConfirmedExactlyLengthBarsLater()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(BarScript.FromCloses(10, 11, 12, 13, 20, 13, 12, 11, 10));
        var high = log.Of(DecisionType.SwingDetected).Single(d => d.Code == SmcCodes.ShortSwing);
        Assert.That((high.Ref0, high.A, high.B), Is.EqualTo((4L, 21L, 6L)), "bar 4's high 21, known at the close of bar 6 (n = 2)");
        Assert.That(SmcId.BarIndex(high.Id), Is.EqualTo(4));
        Assert.That(high.TimeNs, Is.EqualTo(BarScript.Start + (7 * 15 * Timestamp.NanosPerMinute)), "decision time = the event that closed bar 6");
    }

    [Test]
    public void OnBar_HigherHighBeforeAnyLow_InvalidatesTheEarlierHigh()
    {
        // Two peaks (bar 4: 21, bar 7: 26) with rising lows, so no swing low between them.
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(Bars([10, 11, 12, 13, 21, 20, 20, 26, 25, 24, 23, 22]));
        var highs = log.Of(DecisionType.SwingDetected).Where(d => d.Code == SmcCodes.ShortSwing).Select(d => d.Ref0).ToList();
        Assert.That(highs, Is.EqualTo(new[] { 4L, 7L }));
        var inv = log.Of(DecisionType.StructureInvalidated).Single(d => d.Code == (int)DecisionType.SwingDetected && SmcId.Kind(d.Id) == SmcIdKind.ShortSwing);
        Assert.That((SmcId.BarIndex(inv.Id), SmcId.BarIndex(inv.Ref0)), Is.EqualTo((4L, 7L)));
        Assert.That(log.Series.ShortSwings.FromEnd(0).Index, Is.EqualTo(7));
    }

    [Test]
    public void OnBar_LowerSecondHighBeforeAnyLow_IsDropped()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(Bars([10, 11, 12, 13, 21, 18, 19, 20, 19, 18, 19, 20]));
        var highs = log.Of(DecisionType.SwingDetected).Where(d => d.Code == SmcCodes.ShortSwing).Select(d => d.Ref0).ToList();
        Assert.That(highs, Is.EqualTo(new[] { 4L }));
        Assert.That(log.Of(DecisionType.StructureInvalidated), Is.Empty);
    }

    [Test]
    public void OnBar_BarsAddedWithoutOnBar_RebuildsTheWindowFromTheHeldBars()
    {
        // OnBar is not called for bars 0..5: its sliding window must be rebuilt, not trust the bars it saw.
        var log = new DecisionLog(BarScript.SmallOptions());
        var bars = BarScript.FromCloses(10, 11, 12, 13, 20, 13, 12, 11, 10);
        for (var i = 0; i < 7; i++)
        {
            log.Series.Bars.Add(bars[i]);
        }

        log.Series.ShortSwings.OnBar();
        Assert.That((log.Series.ShortSwings.Change, log.Series.ShortSwings.FromEnd(0).Index, log.Series.ShortSwings.FromEnd(0).Level), Is.EqualTo((SwingChange.Added, 4L, 21L)));
    }

    /// <summary>Bars with the given highs and strictly rising lows (9, 10, 11... from bar 0, so no swing low forms).</summary>
    private static List<IctEngine.Smc.Bars.Bar> Bars(long[] highs)
    {
        var bars = new List<IctEngine.Smc.Bars.Bar>();
        for (var i = 0; i < highs.Length; i++)
        {
            var low = Math.Min(9 + i, highs[i] - 1);
            bars.Add(BarScript.At(i, low, highs[i], low, highs[i]));
        }

        return bars;
    }
}
