using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Host.Operations;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
[CancelAfter(30_000)]
public sealed class StatusServerTests
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
    public async Task Endpoints_AnswerWithRealValues()
    {
        var metrics = new EngineMetrics();
        metrics.TicksIn.Inc(1234);
        metrics.CountReject(RejectReason.Spike, 3);
        metrics.StageLatency.WithLabels("validation").Observe(0.000_004);
        metrics.Equity.Set(99_500);
        var health = new HealthRegistry();
        health.Register("bridge", HealthChecks.BridgeConnection(() => BridgeConnectionState.Disconnected));
        var alerts = new AlertEvaluator([new AlertRule("feed_silent", () => 100, 60, 5, 1, "s", "check the terminal")]);
        alerts.Evaluate();
        var trading = new TradingSnapshot("NORMAL", 100_000m, 99_500m, 100_000m, 5_000m, 10_000m, 100_200m, 1);
        using var server = new StatusServer("127.0.0.1", FreePort(), metrics, health, alerts, () => trading);
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.Prefix), Timeout = TimeSpan.FromSeconds(10) };

        var text = await http.GetStringAsync("/metrics");
        Assert.That(text, Does.Contain("ict_ticks_in_total 1234"));
        Assert.That(text, Does.Contain("ict_rejects_total{reason=\"Spike\"} 3"));
        Assert.That(text, Does.Contain("ict_stage_latency_seconds_count{stage=\"validation\"} 1"));
        Assert.That(text, Does.Contain("ict_equity 99500"));

        using var doc = JsonDocument.Parse(await http.GetStringAsync("/health"));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("status").GetString(), Is.EqualTo("degraded"));
        Assert.That(root.GetProperty("components")[0].GetProperty("name").GetString(), Is.EqualTo("bridge"));
        Assert.That(root.GetProperty("trading").GetProperty("dailyLoss").GetDecimal(), Is.EqualTo(500m));
        Assert.That(root.GetProperty("trading").GetProperty("drawdown").GetDecimal(), Is.EqualTo(700m));
        Assert.That(root.GetProperty("activeAlerts")[0].GetString(), Is.EqualTo("feed_silent"));

        var page = await http.GetStringAsync("/");
        Assert.That(page, Does.Contain("fetch('/health'"));
        Assert.That(page, Does.Not.Contain("<script src").And.Not.Contain("https://"));

        var missing = await http.GetAsync("/nope");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Health_Unhealthy_Answers503()
    {
        var health = new HealthRegistry();
        health.Register("bridge", HealthChecks.BridgeConnection(() => BridgeConnectionState.Stopped));
        using var server = new StatusServer("127.0.0.1", FreePort(), new EngineMetrics(), health, new AlertEvaluator([]), () => TradingSnapshot.Unknown);
        server.Start();
        using var http = new HttpClient { BaseAddress = new Uri(server.Prefix), Timeout = TimeSpan.FromSeconds(10) };

        var response = await http.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }
}
