using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Replay;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace IctEngine.Tests.Replay;

[TestFixture]
public sealed class ReplayRunnerTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ict-replay-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void Run_Sample_ProducesStructureSignalsVerdictsOrdersFillsAndTrades()
    {
        var summary = Replay(Manifest(new EngineSettings()), "s", "sample.db").Summary;
        Assert.That(summary.TicksRead, Is.EqualTo(186_092));
        Assert.That(summary.TicksAccepted + summary.TicksRejected, Is.EqualTo(summary.TicksRead));
        Assert.That(summary.Bars, Is.GreaterThan(1000));
        Assert.That(summary.StructureEvents["StructureBreak"], Is.GreaterThan(100));
        Assert.That(summary.Signals, Is.GreaterThan(0));
        Assert.That(summary.VerdictsApproved, Is.GreaterThan(0));
        Assert.That(summary.VerdictsDenied, Is.GreaterThan(0));
        Assert.That(summary.Orders, Is.GreaterThan(0));
        Assert.That(summary.Fills, Is.GreaterThan(0));
        Assert.That(summary.Trades, Is.GreaterThan(0));
        Assert.That(summary.DecisionsHash, Has.Length.EqualTo(64));
        Assert.That(summary.StageLatency.Select(s => s.Stage), Is.EqualTo(TradingPipeline.StageNames));
    }

    [Test]
    public void Run_Twice_FusedAndThreaded_GivesTheSameDecisionsHash()
    {
        var fused = Replay(Manifest(new EngineSettings { Threading = "fused" }), "a", "a.db").Summary;
        var again = Replay(Manifest(new EngineSettings { Threading = "fused" }), "b", "b.db").Summary;
        var threaded = Replay(Manifest(new EngineSettings { Threading = "threads", WaitStrategy = IctEngine.Ring.WaitStrategyKind.Blocking }), "c", "c.db").Summary;
        Assert.That(again.DecisionsHash, Is.EqualTo(fused.DecisionsHash));
        Assert.That(threaded.DecisionsHash, Is.EqualTo(fused.DecisionsHash));
        Assert.That(again.Decisions, Is.EqualTo(fused.Decisions));
    }

    [Test]
    public void Run_SqliteAndPostgres_GiveTheSameDecisionsHash()
    {
        var sqlite = Replay(Manifest(new EngineSettings()), "sq", "sq.db").Summary;
        var location = "postgres:" + PostgresTestServer.CreateSchema(out var schema);
        try
        {
            ReplaySummary pg;
            using (var store = EventStoreFactory.Open(location))
            {
                var result = new ReplayRunner(InstrumentCatalog.Default).Run(Manifest(new EngineSettings()), store, "pg");
                Assert.That(result.Completed, Is.True);
                pg = result.Summary;
                Assert.That(RunCatalog.ReadDecisions(store, "pg").Count(), Is.EqualTo(pg.Decisions));
            }

            Assert.That(pg.DecisionsHash, Is.EqualTo(sqlite.DecisionsHash));
            Assert.That(pg.Trades, Is.EqualTo(sqlite.Trades));
            Assert.That(pg.NetPnl, Is.EqualTo(sqlite.NetPnl));
        }
        finally
        {
            PostgresTestServer.DropSchema(schema);
        }
    }

    [Test]
    public void Run_NativeStoreInput_GivesTheSameDecisionsHashAsLeanZips()
    {
        var ticksFile = Path.Combine(_dir, "sample.ticks");
        var eurusd = InstrumentCatalog.Default.Get("EURUSD");
        using (var writer = new TickStoreWriter(ticksFile, eurusd))
        {
            writer.Append(SampleTicks.Load().ToArray());
        }

        var fromZips = Replay(Manifest(new EngineSettings()), "z", "z.db").Summary;
        var fromStore = Replay(new ReplayManifest { Inputs = [new ReplayInput("EURUSD", [ticksFile])], Settings = new EngineSettings() }, "t", "t.db").Summary;
        Assert.That(fromStore.DecisionsHash, Is.EqualTo(fromZips.DecisionsHash));
    }

    [Test]
    public void Run_ChangedStrategyParameter_ChangesTheHashAndVerifyNamesTheFirstDivergence()
    {
        var store = Path.Combine(_dir, "v.db");
        var baseline = Replay(Manifest(new EngineSettings()), "base", "v.db").Summary;
        var changed = new EngineSettings { Smc = new IctEngine.Smc.SmcOptions { Strategy = new IctEngine.Smc.Strategy.StrategyOptions { FixedRewardRisk = 3m, MinRewardRisk = 1m } } };
        var other = Replay(Manifest(changed), "changed", "v2.db").Summary;
        Assert.That(other.DecisionsHash, Is.Not.EqualTo(baseline.DecisionsHash));

        using var eventStore = EventStoreFactory.Open("sqlite:" + store);
        var same = new ReplayVerifier(InstrumentCatalog.Default).Verify(eventStore, "base");
        Assert.That(same.Identical, Is.True);
        Assert.That(same.Compared, Is.EqualTo(baseline.Decisions));
        Assert.That(same.RerunHash, Is.EqualTo(baseline.DecisionsHash));

        var diverged = new ReplayVerifier(InstrumentCatalog.Default).Verify(eventStore, "base", changed);
        Assert.That(diverged.Identical, Is.False);
        Assert.That(diverged.FirstDivergence, Is.GreaterThan(0));
        Assert.That(diverged.Journaled, Is.Not.Null);
        Assert.That(diverged.Rerun, Is.Not.Null);
    }

    [Test]
    public void Kill_MidReplay_StoreHoldsAnIntactPrefixOfTheDecisionStream()
    {
        // A long input (the sample five times, shifted by whole weeks) so the kill lands mid-run.
        var eurusd = InstrumentCatalog.Default.Get("EURUSD");
        var sample = SampleTicks.Load();
        var ticksFile = Path.Combine(_dir, "long.ticks");
        using (var writer = new TickStoreWriter(ticksFile, eurusd))
        {
            for (var rep = 0; rep < 5; rep++)
            {
                foreach (var t in sample)
                {
                    var tick = t;
                    tick.TimeNs += rep * 7 * Timestamp.NanosPerDay;
                    writer.Append(tick);
                }
            }
        }

        var manifest = new ReplayManifest { Inputs = [new ReplayInput("EURUSD", [ticksFile])], Settings = new EngineSettings() };
        Replay(manifest, "full", "full.db");
        List<Decision> full;
        using (var store = EventStoreFactory.Open("sqlite:" + Path.Combine(_dir, "full.db")))
        {
            full = RunCatalog.ReadDecisions(store, "full").Select(x => x.Decision).ToList();
        }

        var crashPath = Path.Combine(_dir, "crash.db");
        KillMidReplay(ticksFile, crashPath);

        using (var connection = new SqliteConnection($"Data Source={crashPath};Pooling=False"))
        {
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }

        using var crashed = EventStoreFactory.Open("sqlite:" + crashPath);
        var prefix = RunCatalog.ReadDecisions(crashed, "crash").Select(x => x.Decision).ToList();
        Assert.That(prefix, Is.Not.Empty, "the kill came before the first commit");
        Assert.That(prefix.Count, Is.LessThan(full.Count), "the kill came after the run completed");
        Assert.That(RunCatalog.FindRun(crashed, "crash")!.CompletedNs, Is.Null);
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!Same(prefix[i], full[i]))
            {
                Assert.Fail($"decision {i} of the killed run differs from the complete run's");
            }
        }
    }

    private static bool Same(in Decision a, in Decision b)
    {
        Span<byte> x = stackalloc byte[DecisionCodec.MaxEncodedSize];
        Span<byte> y = stackalloc byte[DecisionCodec.MaxEncodedSize];
        return x[..DecisionCodec.Encode(a, x)].SequenceEqual(y[..DecisionCodec.Encode(b, y)]);
    }

    private static void KillMidReplay(string ticksFile, string storePath)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(TestContext.CurrentContext.TestDirectory, "ict.dll"), "replay", ticksFile, "--symbol", "EURUSD",
            "--store", "sqlite:" + storePath, "--run-id", "crash", "--log-dir", string.Empty, "--log-level", "warning" })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();
        var wal = storePath + "-wal";
        var clock = Stopwatch.StartNew();
        try
        {
            // Decisions are being committed once the write-ahead log grows past its first pages.
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && !child.HasExited
                   && (!File.Exists(wal) || new FileInfo(wal).Length < 256 * 1024))
            {
                Thread.Sleep(2);
            }
        }
        finally
        {
            // SIGKILL: no flush, no disposal; what is on disk is all there is.
            child.Kill(entireProcessTree: true);
            child.WaitForExit(30_000);
        }
    }

    private ReplayManifest Manifest(EngineSettings settings) => new()
    {
        Inputs = [new ReplayInput("EURUSD", [SampleTicks.Directory()])],
        Settings = settings,
    };

    private ReplayResult Replay(ReplayManifest manifest, string runId, string db)
    {
        using var store = EventStoreFactory.Open("sqlite:" + Path.Combine(_dir, db));
        var result = new ReplayRunner(InstrumentCatalog.Default).Run(manifest, store, runId);
        Assert.That(result.Completed, Is.True, "the replay did not complete");
        return result;
    }
}
