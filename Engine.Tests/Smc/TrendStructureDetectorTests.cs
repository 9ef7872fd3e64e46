using IctEngine.Core;
using IctEngine.Smc.Structure;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class TrendStructureDetectorTests
{
    // Up-leg to a high at bar 4, pullback to a low at bar 8, close above the high (bullish BOS: no trend yet), then a
    // drop through the low at bar 8 after a new high: bearish CHoCH against the bullish trend.
    private static readonly long[] Closes = [10, 11, 12, 13, 20, 18, 16, 14, 12, 14, 16, 18, 22, 24, 26, 28, 24, 20, 16, 12, 10, 9];

    [Test]
    public void OnBar_CloseAboveSwingHighThenBelowSwingLow_BosThenChoch()
    {
        var log = new DecisionLog(BarScript.SmallOptions()).Feed(BarScript.FromCloses(Closes));
        var internalBreaks = log.Of(DecisionType.StructureBreak).Where(d => Math.Abs(d.Code) is SmcCodes.InternalBos or SmcCodes.InternalChoch).ToList();
        Assert.That(internalBreaks.Select(d => d.Code), Is.EqualTo(new[] { SmcCodes.InternalBos, -SmcCodes.InternalChoch }));
        var bos = internalBreaks[0];
        Assert.That((bos.B, bos.A, bos.C), Is.EqualTo((4L, 21L, 12L)), "swing bar 4 (high 21) broken by the close of bar 12 (22)");
        Assert.That(bos.Ref0, Is.EqualTo(SmcId.Make(0, 0, SmcIdKind.ShortSwing, 0, 4)), "cites the swing id");
        var choch = internalBreaks[1];
        Assert.That(choch.B, Is.EqualTo(8), "the low at bar 8 (11) broken");
        Assert.That(log.Series.Internal.Trend, Is.EqualTo(-1));
        Assert.That(log.Series.Internal.LastBreak.IsChoch, Is.True);
    }
}
