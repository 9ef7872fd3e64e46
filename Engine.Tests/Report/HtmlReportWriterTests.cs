using IctEngine.Replay;
using IctEngine.Report;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class HtmlReportWriterTests
{
    private static ReportModel Scenario()
    {
        var builder = ReportScenario.NewBuilder();
        builder.ConfigurationText = "{\n  \"risk\": 0.5\n}";
        builder.Configuration.Add(new("strategy", "silver-bullet"));
        builder.AddRange(ReportScenario.Decisions());
        return builder.Build();
    }

    private static RenderedChart Chart(string file, ChartKind kind, long? tradeId = null) =>
        new(file, kind, "title of " + file, kind == ChartKind.Equity ? null : "EURUSD", 300, ReportScenario.Start, ReportScenario.Start, tradeId, 1600, 900,
            new ChartContents([], 0));

    private static readonly RenderedChart[] Charts =
    [
        Chart("EURUSD-M5-20240305.png", ChartKind.Window),
        Chart("trade-1.png", ChartKind.Trade, 1),
        Chart("trade-2.png", ChartKind.Trade, 2),
        Chart("equity.png", ChartKind.Equity),
    ];

    [Test]
    public void Render_Scenario_IsWellFormedWithHeadAndBody()
    {
        var page = HtmlPage.Parse(new HtmlReportWriter().Render(Scenario(), Charts));

        Assert.That(page.Root!.Name.LocalName, Is.EqualTo("html"));
        Assert.That(page.Root.Element("head")!.Element("title")!.Value, Is.EqualTo("IctEngine report · run run-7"));
        Assert.That(page.Root.Element("head")!.Element("style"), Is.Not.Null, "styles are inline");
        Assert.That(page.Root.Element("body"), Is.Not.Null);
    }

    [Test]
    public void Render_Scenario_ReferencesOnlyTheChartsBesideIt()
    {
        var html = new HtmlReportWriter().Render(Scenario(), Charts);
        var refs = HtmlPage.References(HtmlPage.Parse(html));

        Assert.That(refs.Distinct().Order(), Is.EqualTo(Charts.Select(c => c.FileName).Order()));
        Assert.That(html, Does.Not.Contain("http:").And.Not.Contain("https:").And.Not.Contain("url(").And.Not.Contain("@import").And.Not.Contain("<link"));
    }

    [Test]
    public void Render_Scenario_TradesTableLinksEachTradeChart()
    {
        var page = HtmlPage.Parse(new HtmlReportWriter().Render(Scenario(), Charts));

        var row = page.Descendants("tr").Single(r => (string?)r.Attribute("id") == "trade-1");
        var cells = row.Elements("td").Select(c => c.Value).ToList();
        Assert.That(cells, Is.EqualTo(new[]
        {
            "1", "EURUSD", "long", "2024-03-05 10:10:00", "1.08675", "2024-03-05 10:25:00", "1.08755", "1.00", "1.08635", "1.08755",
            "74.00", "2.00", "TakeProfit",
            $"bias: #{ReportScenario.BiasId}trigger: BOS↑ M5 03-05 09:57zone: bullish FVG M5 03-05 09:50 1.08600–1.08617", "chart",
        }));
        Assert.That(row.Descendants("a").Single().Attribute("href")!.Value, Is.EqualTo("trade-1.png"));
        var loss = page.Descendants("tr").Single(r => (string?)r.Attribute("id") == "trade-2");
        Assert.That(loss.Elements("td").ElementAt(10).Attribute("class")!.Value, Is.EqualTo("num neg"));
    }

    [Test]
    public void Render_Scenario_ShowsMetricsRejectsAndConfiguration()
    {
        var page = HtmlPage.Parse(new HtmlReportWriter().Render(Scenario(), Charts));
        var text = page.Root!.Value;

        Assert.That(text, Does.Contain("Net P&L51.00"));
        Assert.That(text, Does.Contain("tick: Spike2").And.Contain("risk: MaxVolumePerSymbol1").And.Contain("order: MarketClosed1"));
        Assert.That(page.Descendants("pre").Single().Value, Is.EqualTo("{\n  \"risk\": 0.5\n}"));
        Assert.That(text, Does.Contain("strategysilver-bullet"));
    }

    [Test]
    public void Render_HostileText_IsEncoded()
    {
        var model = new ReportModel { RunId = "<b>run</b>", ConfigurationText = "</pre><script>alert('x')</script> & \"q\"" };
        model.Metrics.Add(new("P&L <net>", "1 < 2"));
        model.RejectsByReason["tick: <odd> & \"bad\""] = 1;

        var html = new HtmlReportWriter().Render(model, []);
        var page = HtmlPage.Parse(html);

        Assert.That(html, Does.Not.Contain("<script>alert").And.Not.Contain("<b>run"));
        Assert.That(page.Descendants("pre").Single().Value, Is.EqualTo(model.ConfigurationText));
        Assert.That(page.Descendants("h1").Single().Value, Is.EqualTo("Run <b>run</b>"));
        Assert.That(page.Root!.Value, Does.Contain("P&L <net>1 < 2").And.Contain("tick: <odd> & \"bad\"1"));
    }

    [Test]
    public void Render_WithBaseline_ShowsComparisonRowsWithStatus()
    {
        var model = Scenario();
        model.BaselineName = "main";
        model.Comparisons.Add(new MetricComparison("Net P&L", "100.00", "60.00", "-40.0 %", ComparisonStatus.Regression));
        model.Comparisons.Add(new MetricComparison("Win rate", "50.0 %", "50.0 %", "0", ComparisonStatus.Ok));

        var page = HtmlPage.Parse(new HtmlReportWriter().Render(model, Charts));

        Assert.That(page.Descendants("h3").Select(h => h.Value), Does.Contain("Compared with baseline main"));
        var statuses = page.Descendants("td").Where(td => (string?)td.Attribute("class") is "regression" or "ok" or "warning").Select(td => td.Value);
        Assert.That(statuses, Is.EqualTo(new[] { "regression", "ok" }));
    }

    [Test]
    public void Render_EmptyRun_SaysThereIsNothing()
    {
        var page = HtmlPage.Parse(new HtmlReportWriter().Render(new ReportModel { RunId = "empty" }, []));

        var notes = page.Descendants("p").Select(p => p.Value).ToList();
        Assert.That(notes, Does.Contain("No trades in this run.").And.Contain("Nothing was rejected.").And.Contain("No bars to chart."));
        Assert.That(page.Descendants("img"), Is.Empty);
    }

    [Test]
    public void Render_MissingImage_HeadlessBrowserReportsIt()
    {
        var chromium = HeadlessChromium.FromEnvironmentOrIgnore();
        var dir = Directory.CreateTempSubdirectory("ict-report-broken-").FullName;
        try
        {
            var index = Path.Combine(dir, HtmlReportWriter.FileName);
            new HtmlReportWriter().Write(new ReportModel { RunId = "broken" }, [Chart("missing.png", ChartKind.Equity)], index);

            var (dom, _) = chromium.DumpDom(new Uri(index).AbsoluteUri);

            Assert.That(dom, Does.Contain("data-images=\"broken:1\""), "the page's own check must catch a missing image");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
