using IctEngine.Host;
using IctEngine.Tests.Support;
using NUnit.Framework;
using Spectre.Console;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
public sealed class ReplayCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("ict-replay-cmd-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Main_ReplayWithReport_WritesTheRunsReport()
    {
        var sample = SampleData.Path("lean-oanda-eurusd");
        var report = Path.Combine(_dir, "report");
        var stdout = Console.Out;
        var ansi = AnsiConsole.Console;
        using var capture = new StringWriter();
        Console.SetOut(capture);

        // The summary goes through Spectre's static console, which may still hold a writer an earlier test closed.
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(capture) });
        int exit;
        try
        {
            exit = Program.Main(["replay", sample, "--symbol", "EURUSD", "--store", "sqlite:" + Path.Combine(_dir, "r.db"), "--run-id", "r1",
                "--log-dir", "", "--report", report]);
        }
        finally
        {
            Console.SetOut(stdout);
            AnsiConsole.Console = ansi;
        }

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), capture.ToString());
        Assert.That(capture.ToString(), Does.Contain("Wrote ").And.Contain("index.html"));
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.That(html, Does.Contain("Run r1").And.Contain("equity.png").And.Contain("EURUSD-M5-20140505.png").And.Contain("trade-"));
        Assert.That(html, Does.Contain("&quot;initialBalance&quot;:100000"), "the run's manifest is on the page");
        Assert.That(File.Exists(Path.Combine(report, "equity.png")), Is.True);
    }
}
