using System.CommandLine;
using IctEngine.Host;
using IctEngine.Host.Commands;
using IctEngine.Tests.Report;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
public sealed class ReportCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ict-report-cmd-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static int Invoke(Command command, params string[] args)
    {
        var root = new RootCommand { command };
        root.Options.Add(GlobalOptions.LogLevel);
        root.Options.Add(GlobalOptions.LogDirectory);
        var parse = root.Parse(["report", "--log-dir", "", .. args]);
        Assert.That(parse.Errors, Is.Empty);
        return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    [Test]
    public void Invoke_StoredRun_WritesReportWithBaseline()
    {
        var source = new StubReportRunSource(ReportScenario.Decisions(), ReportScenario.Catalog);

        var exit = Invoke(ReportCommand.Create(source), "--run", "run-7", "--store", "s.db", "--baseline", "main", "--symbol", "EURUSD",
            "--from", "2024-03-05 07:00", "--to", "2024-03-06", "--timeframe", "M5", "--out", _dir);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(source.Calls, Is.EqualTo(new[] { "load run-7 s.db", "baseline main s.db" }));
        var html = File.ReadAllText(Path.Combine(_dir, "index.html"));
        Assert.That(html, Does.Contain("Compared with baseline main").And.Contain("EURUSD-M5-20240305.png").And.Contain("&quot;source&quot;"));
    }

    [Test]
    public void Invoke_FromNotBeforeTo_ThrowsUsage()
    {
        var source = new StubReportRunSource(ReportScenario.Decisions(), ReportScenario.Catalog);

        Assert.That(() => Invoke(ReportCommand.Create(source), "--run", "r", "--from", "2024-03-06", "--to", "2024-03-05", "--out", _dir),
            Throws.TypeOf<UsageException>().With.Message.Contains("--from"));
        Assert.That(source.Calls, Is.Empty);
    }

    [Test]
    public void Invoke_UnknownSymbol_ThrowsUsage()
    {
        var source = new StubReportRunSource(ReportScenario.Decisions(), ReportScenario.Catalog);

        Assert.That(() => Invoke(ReportCommand.Create(source), "--run", "r", "--symbol", "NOPE", "--out", _dir),
            Throws.TypeOf<UsageException>().With.Message.Contains("NOPE"));
    }

    [Test]
    public void Invoke_NoStoreWired_FailsWithoutWriting()
    {
        Assert.That(Invoke(ReportCommand.Create(), "--run", "r", "--out", _dir), Is.EqualTo(ExitCodes.Failure));
        Assert.That(Directory.EnumerateFileSystemEntries(_dir), Is.Empty);
    }

    [Test]
    public void ParseTimeframes_PlatformNamesAndSeconds_Seconds() =>
        Assert.That(ReportCommand.ParseTimeframes("M5, H1,D1,90"), Is.EqualTo(new[] { 300, 3600, 86_400, 90 }));

    [TestCase("X5")]
    [TestCase("M")]
    [TestCase("H-1")]
    public void ParseTimeframes_Garbage_ThrowsUsage(string text) =>
        Assert.That(() => ReportCommand.ParseTimeframes(text), Throws.TypeOf<UsageException>().With.Message.Contains(text));
}
