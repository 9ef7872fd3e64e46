using IctEngine.Report;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ChartRendererTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ict-report-charts-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static ReportModel Scenario()
    {
        var builder = ReportScenario.NewBuilder();
        builder.AddRange(ReportScenario.Decisions());
        return builder.Build();
    }

    private IReadOnlyList<RenderedChart> RenderScenario() => new ChartRenderer(new ReportOptions()).RenderAll(Scenario(), _dir);

    [Test]
    public void RenderAll_Scenario_WritesDayTradeAndEquityCharts()
    {
        var charts = RenderScenario();

        Assert.That(charts.Select(c => (c.FileName, c.Kind)), Is.EqualTo(new[]
        {
            ("EURUSD-M5-20240305.png", ChartKind.Window),
            ("trade-1.png", ChartKind.Trade),
            ("trade-2.png", ChartKind.Trade),
            ("equity.png", ChartKind.Equity),
        }));
        foreach (var chart in charts)
        {
            Assert.That(PngImage.Decode(Path.Combine(_dir, chart.FileName)), Is.EqualTo((chart.Width, chart.Height)), chart.FileName);
        }
    }

    [Test]
    public void RenderAll_Scenario_DayChartHoldsExactlyTheScenarioStructure()
    {
        var day = RenderScenario()[0].Contents;

        Assert.Multiple(() =>
        {
            Assert.That(day.Candles, Is.EqualTo(ReportScenario.BarCount));
            Assert.That(day.Count(ChartElementKind.Candles), Is.EqualTo(1), "one candlestick plottable");
            Assert.That(day.Ids(ChartElementKind.OrderBlock), Is.EqualTo(new[] { ReportScenario.ObId }));
            Assert.That(day.Ids(ChartElementKind.FairValueGap), Is.EqualTo(new[] { ReportScenario.FvgId }));
            Assert.That(day.Count(ChartElementKind.BreakerBlock), Is.Zero);
            Assert.That(day.Labels(ChartElementKind.ZoneLabel), Is.EquivalentTo(new[] { "FVG" }), "the OB mitigated inside the window steps back unlabelled");
            Assert.That(day.Ids(ChartElementKind.StructureLine), Is.EqualTo(new[] { ReportScenario.BosId, ReportScenario.ChochId }));
            Assert.That(day.Labels(ChartElementKind.StructureLabel), Is.EquivalentTo(new[] { "BOS↑", "CHoCH↓" }));
            Assert.That(day.Ids(ChartElementKind.LiquidityLevel), Is.EqualTo(new[] { ReportScenario.LiquidityId }));
            Assert.That(day.Count(ChartElementKind.Sweep), Is.EqualTo(1));
            Assert.That(day.Labels(ChartElementKind.SessionBand), Is.EqualTo(new[] { "London killzone" }));
            Assert.That(day.Count(ChartElementKind.SessionLabel), Is.EqualTo(1));
            var trades = new[] { ReportScenario.WinPosition, ReportScenario.LossPosition };
            foreach (var kind in new[]
                     {
                         ChartElementKind.Entry, ChartElementKind.Exit, ChartElementKind.TradePath, ChartElementKind.StopLine, ChartElementKind.TargetLine,
                         ChartElementKind.RiskBox, ChartElementKind.RewardBox,
                     })
            {
                Assert.That(day.Ids(kind), Is.EqualTo(trades), kind.ToString());
                Assert.That(day.Count(kind), Is.EqualTo(2), kind.ToString());
            }

            Assert.That(day.Labels(ChartElementKind.TradeLabel), Is.EquivalentTo(new[]
            {
                "#1 Long 1.00", "+74.00 (+2.0R)", "SL 1.08635", "TP 1.08755", "#2 Long 0.50", "-23.00 (-1.0R)", "SL 1.08610", "TP 1.08750",
                "signal short: denied: MaxVolumePerSymbol",
            }));
            Assert.That(day.Ids(ChartElementKind.Signal), Is.EqualTo(new[] { ReportScenario.DeniedSignal }), "only the signal that opened nothing");
            Assert.That(day.Count(ChartElementKind.Balance) + day.Count(ChartElementKind.Equity) + day.Count(ChartElementKind.FocusBand), Is.Zero);
        });
    }

    [Test]
    public void RenderAll_Scenario_TradeChartsFocusTheirTrade()
    {
        var charts = RenderScenario().Where(c => c.Kind == ChartKind.Trade).ToList();

        Assert.That(charts.Select(c => c.TradeId), Is.EqualTo(new long?[] { ReportScenario.WinPosition, ReportScenario.LossPosition }));
        foreach (var chart in charts)
        {
            Assert.That(chart.Contents.Ids(ChartElementKind.Entry), Does.Contain(chart.TradeId!.Value));
            Assert.That(chart.Contents.Ids(ChartElementKind.StopLine), Does.Contain(chart.TradeId!.Value));
            Assert.That(chart.Contents.Candles, Is.GreaterThan(0));
            Assert.That(chart.Contents.Ids(ChartElementKind.FocusBand), Is.EqualTo(new[] { chart.TradeId!.Value }));
        }
    }

    [Test]
    public void RenderEquity_Scenario_DrawsCurvesAndBothLimits()
    {
        var chart = new ChartRenderer(new ReportOptions()).RenderEquity(Scenario(), Path.Combine(_dir, "equity.png"))!;

        foreach (var kind in new[] { ChartElementKind.Balance, ChartElementKind.Equity, ChartElementKind.DailyLossLimit, ChartElementKind.MaxLossLimit, ChartElementKind.Drawdown })
        {
            Assert.That(chart.Contents.Count(kind), Is.EqualTo(1), kind.ToString());
        }

        Assert.That(chart.Contents.Candles, Is.Zero);
        Assert.That(PngImage.Decode(Path.Combine(_dir, "equity.png")), Is.EqualTo((1600, 800)));
    }

    [Test]
    public void RenderEquity_NoEquity_ReturnsNull()
    {
        var model = new ReportModel { RunId = "empty" };

        Assert.That(new ChartRenderer(new ReportOptions()).RenderEquity(model, Path.Combine(_dir, "equity.png")), Is.Null);
        Assert.That(File.Exists(Path.Combine(_dir, "equity.png")), Is.False);
    }

    [Test]
    public void RenderWindow_ZoneFarOutsideThePriceRange_IsNotDrawn()
    {
        var symbol = Scenario().Symbols[0];
        symbol.Zones.Add(new ReportZone(99, ZoneKind.BreakerBlock, -1, 300, 1.20000m, 1.19000m, ReportScenario.Start, ReportScenario.BarTime(60), false));
        symbol.Zones.Add(new ReportZone(98, ZoneKind.BreakerBlock, -1, 300, 1.08700m, 1.08690m, ReportScenario.Start, ReportScenario.BarTime(60), false));

        var chart = new ChartRenderer(new ReportOptions()).RenderWindow(symbol, 300, ReportScenario.Start, ReportScenario.Start.AddDays(1),
            Path.Combine(_dir, "w.png"), "w");

        Assert.That(chart.Contents.Ids(ChartElementKind.BreakerBlock), Is.EqualTo(new[] { 98L }));
    }

    [Test]
    public void Windows_BarsOnTwoDays_OneWindowPerDay()
    {
        var symbol = new SymbolReport { Symbol = "EURUSD", Digits = 5 };
        foreach (var t in new[] { ReportScenario.Start, ReportScenario.Start.AddHours(1), ReportScenario.Start.AddDays(1) })
        {
            symbol.Bars.Add(new ReportBar(t, 300, 1m, 1m, 1m, 1m, 1));
        }

        var windows = new ChartRenderer(new ReportOptions()).Windows(symbol, 300);

        var day = ReportScenario.Start.Date;
        Assert.That(windows, Is.EqualTo(new[] { (day, day.AddDays(1)), (day.AddDays(1), day.AddDays(2)) }));
    }

    [Test]
    public void Windows_HourBars_FiveDayWindows()
    {
        var symbol = new SymbolReport { Symbol = "EURUSD", Digits = 5 };
        for (var h = 0; h < 24 * 12; h++)
        {
            symbol.Bars.Add(new ReportBar(ReportScenario.Start.AddHours(h), 3600, 1m, 1m, 1m, 1m, 1));
        }

        var windows = new ChartRenderer(new ReportOptions()).Windows(symbol, 3600);

        Assert.That(windows, Has.Count.InRange(3, 4));
        Assert.That(windows.Select(w => w.To - w.From), Is.All.EqualTo(TimeSpan.FromDays(5)));
        Assert.That(windows[0].From, Is.LessThanOrEqualTo(ReportScenario.Start));
    }

    [Test]
    public void Timeframes_M1AndM5Present_ChartsM5()
    {
        var symbol = new SymbolReport { Symbol = "EURUSD", Digits = 5 };
        symbol.Bars.Add(new ReportBar(ReportScenario.Start, 60, 1m, 1m, 1m, 1m, 1));
        symbol.Bars.Add(new ReportBar(ReportScenario.Start, 300, 1m, 1m, 1m, 1m, 1));
        symbol.Bars.Add(new ReportBar(ReportScenario.Start, 3600, 1m, 1m, 1m, 1m, 1));

        Assert.That(new ChartRenderer(new ReportOptions()).Timeframes(symbol), Is.EqualTo(new[] { 300 }));
        Assert.That(new ChartRenderer(new ReportOptions { Timeframes = [60, 3600] }).Timeframes(symbol), Is.EqualTo(new[] { 60, 3600 }));
    }

    [TestCase(60, "M1")]
    [TestCase(300, "M5")]
    [TestCase(3600, "H1")]
    [TestCase(14400, "H4")]
    [TestCase(86400, "D1")]
    [TestCase(45, "45s")]
    public void TimeframeName_Seconds_PlatformName(int seconds, string name) =>
        Assert.That(ChartRenderer.TimeframeName(seconds), Is.EqualTo(name));
}
