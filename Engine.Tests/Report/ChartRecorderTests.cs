using IctEngine.Report;
using NUnit.Framework;
using ScottPlot;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ChartRecorderTests
{
    [Test]
    public void Contents_PlottableRemovedFromPlot_IsNotReported()
    {
        var plot = new Plot();
        var rec = new ChartRecorder();
        rec.Add(plot.Add.Rectangle(0, 1, 0, 1), ChartElementKind.OrderBlock, 1, "OB #1");
        var removed = rec.Add(plot.Add.Rectangle(0, 1, 0, 1), ChartElementKind.FairValueGap, 2, "FVG #2");
        rec.Add(plot.Add.Candlestick(new OHLC[] { new OHLC(1, 2, 0.5, 1.5, DateTime.UnixEpoch, TimeSpan.FromMinutes(5)), new OHLC(1, 2, 0.5, 1.5, DateTime.UnixEpoch.AddMinutes(5), TimeSpan.FromMinutes(5)) }),
            ChartElementKind.Candles);
        plot.Remove(removed);

        var contents = rec.Contents(plot);

        Assert.That(contents.Elements, Is.EqualTo(new[] { new ChartElement(ChartElementKind.OrderBlock, 1, "OB #1"), new ChartElement(ChartElementKind.Candles, 0, null) }));
        Assert.That(contents.Candles, Is.EqualTo(2));
        Assert.That(contents.ToString(), Is.EqualTo("Candles=1, OrderBlock=1, candles=2"));
    }

    [Test]
    public void Contents_PlottableAddedWithoutRecorder_IsNotReported()
    {
        var plot = new Plot();
        var rec = new ChartRecorder();
        plot.Add.Line(0, 0, 1, 1);

        Assert.That(rec.Contents(plot).Elements, Is.Empty);
    }
}
