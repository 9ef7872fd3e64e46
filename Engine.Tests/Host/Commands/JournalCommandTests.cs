using System.Text.Json;
using IctEngine.Core;
using IctEngine.Host;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
public sealed class JournalCommandTests
{
    private TempStore _temp = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempStore();
        RunCatalog.RecordStarted(_temp.Store, "r1", "{\"strategy\":\"ob\"}", 1_400_000_000_000_000_000);
        using (var writer = new JournalWriter(_temp.Store, new JournalWriterOptions { RunId = "r1", SymbolName = _ => "EURUSD" }))
        {
            writer.Add(new Decision { Type = DecisionType.TickRejected, Code = (int)RejectReason.Crossed, SymbolId = 0, TimeNs = 1_400_000_000_000_000_001, CorrelationId = 5 });
            writer.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = 0, Timeframe = 60, TimeNs = 1_400_000_000_000_000_002, A = 108_000 });
        }

        RunCatalog.RecordCompleted(_temp.Store, "r1", "{\"trades\":0}", 1_400_000_000_000_000_003);
        _temp.Store.Dispose();
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = Program.Main([.. args, "--log-dir", ""]);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    [Test]
    public void Runs_StoreWithOneRun_ListsIt()
    {
        var (exit, output, _) = Run("journal", "runs", "--store", _temp.Location);
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("r1").And.Contain("2014-05-13"));
    }

    [Test]
    public void Streams_Run_ListsItsStreams()
    {
        var (exit, output, _) = Run("journal", "streams", "--store", _temp.Location, "--run", "r1");
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(output, Does.Contain("run-r1 ").And.Contain("run-r1-EURUSD"));
    }

    [Test]
    public void Events_TypeFilter_PrintsDecodedNamedFields()
    {
        var (exit, output, _) = Run("journal", "events", "--store", _temp.Location, "--type", "TickRejected");
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Contain("TickRejected").And.Contain("reason=Crossed").And.Contain("correlationId=5"));
    }

    [Test]
    public void Export_Run_WritesOneJsonObjectPerEvent()
    {
        var (exit, output, _) = Run("journal", "export", "--store", _temp.Location, "--run", "r1");
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(4));
        using var started = JsonDocument.Parse(lines[0]);
        Assert.That(started.RootElement.GetProperty("payload").GetProperty("strategy").GetString(), Is.EqualTo("ob"));
        using var bar = JsonDocument.Parse(lines[2]);
        Assert.That(bar.RootElement.GetProperty("type").GetString(), Is.EqualTo("BarClosed"));
        Assert.That(bar.RootElement.GetProperty("decision").GetProperty("a").GetInt64(), Is.EqualTo(108_000));
        Assert.That(bar.RootElement.GetProperty("position").GetInt64(), Is.EqualTo(3));
    }

    [Test]
    public void Events_FollowWithLimit_PrintsExistingEventsThenStops()
    {
        var (exit, output, _) = Run("journal", "events", "--store", _temp.Location, "--follow", "--limit", "3", "--json");
        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var positions = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("position").GetInt64());
        Assert.That(positions, Is.EqualTo(new long[] { 1, 2, 3 }));
    }

    [Test]
    public void Export_UnknownRun_ExitsTwo()
    {
        var (exit, _, error) = Run("journal", "export", "--store", _temp.Location, "--run", "nope");
        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(error, Does.Contain("nope"));
    }

    [Test]
    public void Runs_MissingStoreFile_ExitsTwo()
    {
        var (exit, _, error) = Run("journal", "runs", "--store", "sqlite:" + Path.Combine(_temp.Directory, "missing.db"));
        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(error, Does.Contain("missing.db"));
    }

    [Test]
    public void Runs_ForeignFile_ExitsTwoWithClearError()
    {
        var path = Path.Combine(_temp.Directory, "foreign.db");
        File.WriteAllText(path, "this is not a database, it is a text file that happens to be long enough to have a header......");
        var (exit, _, error) = Run("journal", "runs", "--store", "sqlite:" + path);
        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(error, Does.Contain("foreign.db"));
    }
}
