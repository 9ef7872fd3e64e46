using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Host.Configuration;
using IctEngine.Host.Operations;
using IctEngine.Tests.Bridge;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
[CancelAfter(60_000)]
public sealed class LiveOperationsTests
{
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    [Test]
    public async Task Endpoints_WithSimulatorStreaming_ReportLiveBridgeValues()
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140504_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "live-secret-123" }, feed);
        listener.Start();
        var config = new EngineConfig { Symbols = ["EURUSD"], Store = "sqlite:x", Http = new HttpConfig { Enabled = true, Port = FreePort() } };
        var alerts = new List<AlertEvent>();
        using var operations = new LiveOperations(config, listener, feed, new LiveOperationsInputs
        {
            Trading = () => new TradingSnapshot("NORMAL", 100_000, 99_000, 100_000, 1_000, 5_000, 100_000, 0),
            RingOccupancyPercent = () => 12,
            AlertChanged = alerts.Add,
        });
        operations.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "live-secret-123", Speed = 0 }, source);
        sim.Start();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.TickCount == source.Length), Is.True);

        for (var i = 0; i < config.Alerts.ForEvaluations; i++)
        {
            operations.RunOnce();
        }

        using var http = new HttpClient { BaseAddress = new Uri(operations.Status!.Prefix), Timeout = TimeSpan.FromSeconds(10) };
        var metrics = await http.GetStringAsync("/metrics");
        Assert.That(metrics, Does.Contain($"ict_ticks_in_total {source.Length}"));
        Assert.That(metrics, Does.Contain("ict_bridge_connected 1"));
        Assert.That(metrics, Does.Contain("ict_health_status{component=\"bridge\"} 0"));

        using var health = JsonDocument.Parse(await http.GetStringAsync("/health"));
        var components = health.RootElement.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.That(components["bridge"], Is.EqualTo("healthy"));
        Assert.That(components["feed"], Is.EqualTo("healthy"));
        Assert.That(components["ring"], Is.EqualTo("healthy"));

        // A 100 % daily loss (1000 of 1000) is above the 80 % raise threshold: raised once, journaled through the callback.
        Assert.That(alerts.Where(a => a.Rule == "drawdown_daily_limit" && a.Raised).Count(), Is.EqualTo(1));
    }
}
