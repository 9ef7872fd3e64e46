using IctEngine.Core;
using IctEngine.Host;
using IctEngine.Journal;
using IctEngine.Replay;
using IctEngine.Report;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ReportGeneratorTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ict-report-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static ReportOutput GenerateScenario(string dir) =>
        ReportGenerator.Generate(ReportScenario.RunId, ReportScenario.Decisions(), ReportScenario.Catalog, dir, new ReportOptions(),
            builder =>
            {
                builder.Apply(ReportScenario.Settings);
                builder.ConfigurationText = "{ \"strategy\": \"silver-bullet\", \"riskPercent\": 0.5 }";
            },
            model =>
            {
                model.BaselineName = "main";
                model.Comparisons.Add(new MetricComparison("Net P&L", "100.00", "60.00", "-40.0 %", ComparisonStatus.Regression));
                model.Comparisons.Add(new MetricComparison("Win rate", "45.0 %", "50.0 %", "+5.0 pp", ComparisonStatus.Ok));
                model.Comparisons.Add(new MetricComparison("Max drawdown", "15.00", "20.00", "+33.3 %", ComparisonStatus.Warning));
            });

    [Test]
    public void Generate_Scenario_EveryReferenceResolvesToAWrittenFile()
    {
        var output = GenerateScenario(_dir);

        Assert.That(output.IndexPath, Is.EqualTo(Path.Combine(_dir, "index.html")));
        Assert.That(output.Files, Has.Count.EqualTo(output.Charts.Count + 1));
        Assert.That(output.Files, Has.All.Matches<string>(File.Exists));
        var refs = HtmlPage.References(HtmlPage.Parse(File.ReadAllText(output.IndexPath)));
        Assert.That(refs, Is.Not.Empty);
        foreach (var reference in refs)
        {
            Assert.That(Uri.TryCreate(reference, UriKind.Absolute, out _), Is.False, $"{reference} is not relative");
            Assert.That(File.Exists(Path.Combine(_dir, reference)), Is.True, $"{reference} was not written");
        }

        Assert.That(output.Charts.Select(c => c.FileName), Is.SubsetOf(refs), "every chart is on the page");
    }

    [Test]
    public void Generate_EmptyRun_WritesOnlyThePage()
    {
        var output = ReportGenerator.Generate(new ReportModel { RunId = "empty" }, _dir, new ReportOptions());

        Assert.That(output.Charts, Is.Empty);
        Assert.That(Directory.GetFiles(_dir).Select(Path.GetFileName), Is.EqualTo(new[] { "index.html" }));
        Assert.That(HtmlPage.References(HtmlPage.Parse(File.ReadAllText(output.IndexPath))), Is.Empty);
    }

    [Test]
    public void Generate_SameRunTwice_ByteIdenticalFiles()
    {
        var again = Directory.CreateTempSubdirectory("ict-report-again-").FullName;
        try
        {
            var first = GenerateScenario(_dir);
            var second = GenerateScenario(again);

            Assert.That(second.Files.Select(Path.GetFileName), Is.EqualTo(first.Files.Select(Path.GetFileName)));
            foreach (var (a, b) in first.Files.Zip(second.Files))
            {
                Assert.That(File.ReadAllBytes(b), Is.EqualTo(File.ReadAllBytes(a)), Path.GetFileName(a));
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Test]
    public void Generate_Scenario_LoadsInHeadlessChromiumWithEveryImage()
    {
        var chromium = HeadlessChromium.FromEnvironmentOrIgnore();
        var output = GenerateScenario(_dir);
        var url = new Uri(output.IndexPath).AbsoluteUri;

        var (dom, log) = chromium.DumpDom(url);
        var screenshot = Path.Combine(_dir, "screenshot.png");
        chromium.Screenshot(url, screenshot, 1400, 2400);

        var artifacts = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-artifacts");
        Directory.CreateDirectory(artifacts);
        foreach (var file in output.Files.Append(screenshot))
        {
            var copy = Path.Combine(artifacts, Path.GetFileName(file));
            File.Copy(file, copy, overwrite: true);
            if (file == screenshot || file == output.IndexPath || Path.GetFileName(file).StartsWith("EURUSD", StringComparison.Ordinal))
            {
                TestContext.AddTestAttachment(copy, Path.GetFileName(file));
            }
        }

        Assert.That(dom, Does.Contain("data-images=\"ok\""), "every image loads");
        Assert.That(dom, Does.Contain("data-errors=\"0\""), "no error events");
        var console = log.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.That(console, Is.Empty, "the page logs nothing to the console");
        Assert.That(PngImage.Decode(screenshot), Is.EqualTo((1400, 2400)));
    }

    [Test]
    public void Generate_ReplayedSample_ShowsStructureEveryTradeAndEquity()
    {
        // The bundled OANDA EURUSD week through the whole pipeline into SQLite, then the report from the journal.
        var catalog = InstrumentCatalog.Default;
        var manifest = new ReplayManifest
        {
            Inputs = [new ReplayInput("EURUSD", [SampleData.Path("lean-oanda-eurusd")])],
            Settings = new EngineSettings(),
        };
        ReplayResult result;
        ReportRun run;
        using (var store = new SqliteEventStore(Path.Combine(_dir, "sample.db")))
        {
            result = new ReplayRunner(catalog).Run(manifest, store, "sample");
            run = JournalReportRunSource.Load(store, RunCatalog.FindRun(store, "sample")!.ConfigurationJson, "sample", catalog);
        }

        Assert.That(result.Completed, Is.True);
        Assert.That(result.Summary.Trades, Is.GreaterThan(0), "the sample week trades (docs/SMC.md: 6 signals)");
        var builder = new ReportModelBuilder(catalog, "sample");
        builder.Apply(run.Settings!);
        builder.AddRange(run.Decisions);
        var model = builder.Build();
        var output = ReportGenerator.Generate("sample", run, Path.Combine(_dir, "report"), new ReportOptions());

        var closed = model.AllTrades().Where(t => t.ExitTime is not null).ToList();
        Assert.That(closed, Has.Count.EqualTo(result.Summary.Trades));
        Assert.That(closed, Has.All.Matches<ReportTrade>(t => t.Stop is not null && t.Target is not null && t.ExitReason is not null));
        Assert.That(closed.SelectMany(t => t.Justification), Has.None.Contains("#"), "every cited structure is found in the journal");
        var symbol = model.Symbols.Single();
        Assert.That(symbol.Zones.Select(z => z.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<ZoneKind>()));
        Assert.That(symbol.Zones, Has.All.Matches<ReportZone>(z => z.End >= z.Start));
        Assert.That(symbol.Breaks, Has.All.Matches<ReportStructureBreak>(b => b.From <= b.To));
        Assert.That(symbol.Sessions.Select(x => x.Name).Distinct(), Is.SupersetOf(new[] { "London killzone", "New York killzone" }));
        Assert.That(model.Equity[^1].Balance, Is.EqualTo(result.Summary.FinalBalance), "balance rebuilt from fills and closes");
        Assert.That(symbol.Signals, Has.Count.EqualTo(result.Summary.Signals));
        Assert.That(symbol.Signals.Count(x => x.Traded), Is.EqualTo(model.AllTrades().Count()));
        Assert.That(symbol.Signals, Has.None.Matches<ReportSignal>(x => x.Outcome == "pending"), "every signal of the finished run has an outcome");

        var windows = output.Charts.Where(c => c.Kind == ChartKind.Window).ToList();
        Assert.That(windows, Is.Not.Empty);
        Assert.That(windows.Sum(c => c.Contents.Candles), Is.EqualTo(symbol.Bars.Count(b => b.Timeframe == 300)));
        foreach (var kind in new[] { ChartElementKind.OrderBlock, ChartElementKind.FairValueGap, ChartElementKind.StructureLine, ChartElementKind.SessionBand, ChartElementKind.LiquidityLevel })
        {
            Assert.That(windows.Sum(c => c.Contents.Count(kind)), Is.GreaterThan(0), kind.ToString());
        }

        var tradeCharts = output.Charts.Where(c => c.Kind == ChartKind.Trade).ToList();
        Assert.That(tradeCharts.Select(c => c.TradeId), Is.EquivalentTo(closed.Select(t => (long?)t.Id)));
        foreach (var chart in tradeCharts)
        {
            foreach (var kind in new[] { ChartElementKind.Entry, ChartElementKind.Exit, ChartElementKind.StopLine, ChartElementKind.TargetLine })
            {
                Assert.That(chart.Contents.Ids(kind), Does.Contain(chart.TradeId!.Value), $"{chart.FileName} {kind}");
            }
        }

        var equity = output.Charts.Single(c => c.Kind == ChartKind.Equity).Contents;
        foreach (var kind in new[] { ChartElementKind.Balance, ChartElementKind.DailyLossLimit, ChartElementKind.MaxLossLimit, ChartElementKind.Drawdown })
        {
            Assert.That(equity.Count(kind), Is.EqualTo(1), kind.ToString());
        }

        var dir = Path.GetDirectoryName(output.IndexPath)!;
        var refs = HtmlPage.References(HtmlPage.Parse(File.ReadAllText(output.IndexPath)));
        Assert.That(refs, Is.SupersetOf(output.Charts.Select(c => c.FileName)));
        Assert.That(refs, Has.All.Matches<string>(r => File.Exists(Path.Combine(dir, r))));
    }
}
