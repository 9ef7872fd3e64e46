using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Commands;

/// <summary>
/// <c>ict run</c> end to end: the real <c>ict</c> process (next to the test assembly) with a terminal simulator in
/// this process streaming the bundled real ticks over the bridge.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(90_000)]
public sealed class RunCommandTests
{
    private const string Secret = "e2e-secret-12345";
    private static readonly string[] Days = ["20140501", "20140502", "20140504", "20140505"];

    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Path.Combine(Path.GetTempPath(), "ict-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public void TearDown()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }

    [Test]
    public async Task Run_SimulatorStreamingWithCut_OrdersFilledTicksRecordedEndpointsLiveHaltAndSigtermUnderTwoSeconds()
    {
        var source = SampleTicks.Load("EURUSD", Days).ToArray();
        var bridgePort = FreePort();
        var httpPort = FreePort();
        var config = WriteConfig(bridgePort, httpPort);
        using var child = ChildProcess.Start(config, "--for", "80");
        try
        {
            // A terminal with the wrong secret is refused and never gets to stream.
            using (var intruder = new TerminalSimulator(new TerminalSimulatorOptions { Port = bridgePort, Secret = "not-the-secret-1", Speed = 1, ReconnectDelayMs = 100 }, source))
            {
                intruder.Start();
                Assert.That(Wait(() => child.Output.Contains("refused", StringComparison.OrdinalIgnoreCase), 20_000), Is.True, "no refusal logged:\n" + child.Output);
                Assert.That(intruder.IsConnected, Is.False);
                Assert.That(intruder.TicksSent, Is.Zero);
            }

            // About four market days in ~10 s; ticks keep "happening" while the connection is cut.
            using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = bridgePort, Secret = Secret, Speed = 40_000, ReconnectDelayMs = 50 }, source);
            sim.Start();
            Assert.That(Wait(() => sim.TicksSent >= source.Length / 3, 40_000), Is.True, $"only {sim.TicksSent} ticks sent:\n{child.Output}");
            sim.Cut();
            Thread.Sleep(300);
            sim.Restore();
            Assert.That(Wait(() => sim.Finished && sim.Sessions >= 2, 40_000), Is.True, $"sent {sim.TicksSent} of {source.Length}, sessions {sim.Sessions}:\n{child.Output}");

            // Operations refresh every second: the endpoints show what went through.
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string metrics = "";
            Assert.That(Wait(() => MetricValue(metrics = Get(http, $"http://127.0.0.1:{httpPort}/metrics")) >= source.Length, 10_000), Is.True, metrics);
            Assert.That(Metric(metrics, "ict_equity"), Is.GreaterThan(0));
            Assert.That(Metric(metrics, "ict_daily_loss_limit"), Is.GreaterThan(0));
            Assert.That(Metric(metrics, "ict_fills_total"), Is.GreaterThan(0));
            using var health = JsonDocument.Parse(Get(http, $"http://127.0.0.1:{httpPort}/health"));
            var json = health.RootElement.GetRawText();
            Assert.That(json, Does.Contain("bridge").And.Contain("feed").And.Contain("ACTIVE"));

            // Operator escalation: the halt file moves trading to HALTED (applied by risk at the next timer event).
            File.WriteAllText(Path.Combine(_dir, "HALT"), "");
            Assert.That(Wait(() => Get(http, $"http://127.0.0.1:{httpPort}/health").Contains("HALTED"), 15_000), Is.True, child.Output);

            var killedAt = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", $"-TERM {child.Process.Id}"))
            {
                await kill.WaitForExitAsync();
            }

            Assert.That(child.Process.WaitForExit(10_000), Is.True, "ict run did not exit after SIGTERM");
            var exitTime = killedAt.Elapsed;
            child.Process.WaitForExit(); // the exited process's redirected output is read to the end only by this overload
            Assert.That(child.Process.ExitCode, Is.EqualTo(0), child.Output);
            Assert.That(exitTime, Is.LessThan(TimeSpan.FromSeconds(2)), child.Output);
            Assert.That(child.Output, Does.Contain("Shutdown requested (SIGTERM)"));

            AssertStore(sim.Sessions);
            AssertRecording(source);
        }
        finally
        {
            child.Kill();
        }
    }

    [Test]
    public async Task Run_SigtermWithPositionOpenThenRestart_RebuildsReconcilesAndDoesNotDuplicate()
    {
        var source = SampleTicks.Load("EURUSD", Days).ToArray();
        var bridgePort = FreePort();
        var config = WriteConfig(bridgePort, FreePort());
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions
        {
            Port = bridgePort, Secret = Secret, Speed = 20_000, ReconnectDelayMs = 50, MaxReconnectDelayMs = 200,
        }, source);

        // Run 1 trades until the terminal holds a position; the terminal's market freezes, the engine gets SIGTERM.
        using (var first = ChildProcess.Start(config, "--run-id", "live-1"))
        {
            sim.Start();
            Assert.That(Wait(() => sim.PositionCount > 0, 60_000), Is.True, "no position opened:\n" + first.Output);
            sim.Pause();
            sim.Cut();
            await Sigterm(first);
            Assert.That(first.Process.ExitCode, Is.EqualTo(0), first.Output);
        }

        var held = sim.Positions();
        Assert.That(held, Is.Not.Empty);
        var positionId = held[0].ClientOrderId;
        var manual = sim.OpenManualPosition(-1, 0.10);

        // Run 2 against the same store, the terminal still holding the position (and one opened by hand meanwhile).
        using (var second = ChildProcess.Start(config, "--run-id", "live-2"))
        {
            Assert.That(Wait(() => second.Output.Contains("Rebuilt from", StringComparison.Ordinal), 20_000), Is.True, second.Output);
            sim.Resume();
            sim.Restore();
            Assert.That(Wait(() => sim.Sessions >= 2 && sim.TicksSent > source.Length / 2, 40_000), Is.True, second.Output);
            Thread.Sleep(1500);
            sim.Pause();
            sim.Cut();
            await Sigterm(second);
            Assert.That(second.Process.ExitCode, Is.EqualTo(0), second.Output);
            Assert.That(second.Output, Does.Contain("earlier live run(s) (live-1)"));
        }

        using var store = EventStoreFactory.Open("sqlite:" + Path.Combine(_dir, "data", "ict.db"));
        var run1 = RunCatalog.ReadDecisions(store, "live-1").Select(e => e.Decision).ToList();
        var run2 = RunCatalog.ReadDecisions(store, "live-2").Select(e => e.Decision).ToList();
        var opener = run1.Single(d => d.Type == DecisionType.OrderSubmitted && d.Id == positionId);
        var reconciled = run2.Where(d => d.Type == DecisionType.ReconciliationDifference).ToList();
        Assert.That(reconciled.Select(d => ((ReconciliationKind)d.Code, d.Id)), Is.EqualTo(new[] { (ReconciliationKind.PositionMissingLocally, (long)manual) }),
            "only the position opened by hand differed from what run 2 rebuilt");
        Assert.That(run2.Where(d => d.Type == DecisionType.OrderSubmitted).Select(d => d.Id), Is.All.GreaterThan(run1.Where(d => d.Type == DecisionType.OrderSubmitted).Max(d => d.Id)),
            "client order ids reused");
        Assert.That(run2.Any(d => d.Type == DecisionType.OrderSubmitted && d.Ref0 == opener.Ref0), Is.False, "a second entry for the same signal");
        Assert.That(sim.Positions().Count(p => p.ClientOrderId == positionId), Is.LessThanOrEqualTo(1));
    }

    private static async Task Sigterm(ChildProcess child)
    {
        using (var kill = Process.Start("kill", $"-TERM {child.Process.Id}"))
        {
            await kill.WaitForExitAsync();
        }

        Assert.That(child.Process.WaitForExit(10_000), Is.True, "ict run did not exit after SIGTERM");
        child.Process.WaitForExit();
    }

    [Test]
    public void Run_UnknownSymbolInConfig_ExitsTwoNamingFilePathAndReason()
    {
        var path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, $$"""{ "symbols": ["NOPE"], "store": "sqlite:x.db", "bridge": { "secret": "{{Secret}}" } }""");
        using var child = ChildProcess.Start(path);
        Assert.That(child.Process.WaitForExit(30_000), Is.True);
        child.Process.WaitForExit();
        Assert.That(child.Process.ExitCode, Is.EqualTo(2), child.Output);
        Assert.That(child.Output, Does.Contain("bad.json").And.Contain("$.symbols[0]").And.Contain("'NOPE' is not in the instrument catalogue"));
    }

    private void AssertStore(long sessions)
    {
        using var store = EventStoreFactory.Open("sqlite:" + Path.Combine(_dir, "data", "ict.db"));
        var runs = RunCatalog.ListRuns(store);
        Assert.That(runs, Has.Count.EqualTo(1));
        Assert.That(runs[0].SummaryJson, Is.Not.Null, "RunCompleted missing");
        using var summary = JsonDocument.Parse(runs[0].SummaryJson!);
        Assert.That(summary.RootElement.GetProperty("completed").GetBoolean(), Is.True);
        Assert.That(summary.RootElement.GetProperty("bridgeSessions").GetInt64(), Is.GreaterThanOrEqualTo(sessions));
        Assert.That(summary.RootElement.GetProperty("shutdownMs").GetDouble(), Is.LessThan(2000));

        var counts = new Dictionary<DecisionType, int>();
        foreach (var (_, d) in RunCatalog.ReadDecisions(store, runs[0].RunId))
        {
            counts[d.Type] = counts.GetValueOrDefault(d.Type) + 1;
        }

        Assert.That(counts.GetValueOrDefault(DecisionType.SignalRaised), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault(DecisionType.OrderSubmitted), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault(DecisionType.OrderFilled), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault(DecisionType.PositionOpened), Is.GreaterThan(0));
        Assert.That(counts.GetValueOrDefault(DecisionType.HealthChanged), Is.GreaterThan(0), "health changes are journaled");
        Assert.That(counts.GetValueOrDefault(DecisionType.TradingStateChanged), Is.GreaterThan(0), "the operator's HALT is journaled");
    }

    private void AssertRecording(Tick[] source)
    {
        var files = Directory.GetFiles(Path.Combine(_dir, "ticks"), "*.ticks");
        Assert.That(files, Has.Length.EqualTo(1));
        using var reader = TickSources.Open(files[0], TickFormat.Native, InstrumentCatalog.Default.Get("EURUSD"));
        var recorded = new List<Tick>();
        var buffer = new Tick[8192];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            recorded.AddRange(buffer.AsSpan(0, n));
        }

        Assert.That(recorded, Has.Count.EqualTo(source.Length), "ticks lost or duplicated across the cut");
        for (var i = 0; i < source.Length; i++)
        {
            if (recorded[i].TimeNs != source[i].TimeNs || recorded[i].Bid != source[i].Bid || recorded[i].Ask != source[i].Ask)
            {
                Assert.Fail($"recorded tick {i} differs: {recorded[i]} vs {source[i]}");
            }
        }
    }

    private string WriteConfig(int bridgePort, int httpPort)
    {
        var path = Path.Combine(_dir, "engine.json");
        File.WriteAllText(path, $$"""
            {
              "symbols": ["EURUSD"],
              "store": "sqlite:data/ict.db",
              "bridge": { "port": {{bridgePort}}, "secret": "{{Secret}}", "startFrom": "2014-05-01 00:00:00" },
              "http": { "enabled": true, "port": {{httpPort}} },
              "alerts": { "evaluationSeconds": 1 },
              "logging": { "level": "information", "directory": "" },
              "recording": { "path": "ticks" }
            }
            """);
        return path;
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static string Get(HttpClient http, string url)
    {
        try
        {
            return http.GetStringAsync(url).GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static double MetricValue(string metrics) => Metric(metrics, "ict_ticks_in_total");

    private static double Metric(string metrics, string name)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return double.NaN;
    }

    private static bool Wait(Func<bool> condition, int timeoutMs)
    {
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < timeoutMs)
        {
            if (condition())
            {
                return true;
            }

            Thread.Sleep(50);
        }

        return condition();
    }

    /// <summary>The <c>ict run</c> child process with its combined output captured.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly StringBuilder _output = new();

        private ChildProcess(Process process) => Process = process;

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static ChildProcess Start(string config, params string[] extra)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[Path.Combine(TestContext.CurrentContext.TestDirectory, "ict.dll"), "run", "--config", config, "--log-dir", "", .. extra])
            {
                info.ArgumentList.Add(arg);
            }

            var child = new ChildProcess(new Process { StartInfo = info });
            child.Process.OutputDataReceived += (_, e) => child.Append(e.Data);
            child.Process.ErrorDataReceived += (_, e) => child.Append(e.Data);
            child.Process.Start();
            child.Process.BeginOutputReadLine();
            child.Process.BeginErrorReadLine();
            return child;
        }

        public void Kill()
        {
            try
            {
                if (!Process.HasExited)
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Dispose()
        {
            Kill();
            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
