using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Host.Operations;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
public sealed class OperationsMonitorTests
{
    [Test]
    public void RunOnce_BridgeDown_ExportsDegradedHealthAlertAndBridgeCounters()
    {
        var metrics = new EngineMetrics();
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher);
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        var health = new HealthRegistry();
        health.Register("bridge", HealthChecks.BridgeConnection(() => listener.State));
        var alerts = new AlertEvaluator([new AlertRule("feed_silent", () => 120, 60, 5, 1, "s", "")]);
        using var monitor = new OperationsMonitor(metrics, health, alerts, new RecoverySupervisor(), TimeSpan.FromSeconds(1))
        {
            Refresh = () => metrics.Observe(feed.Statistics, listener),
        };

        monitor.RunOnce();

        Assert.That(metrics.HealthState.WithLabels("bridge").Value, Is.EqualTo((double)HealthStatus.Degraded));
        Assert.That(metrics.AlertsActive.WithLabels("feed_silent").Value, Is.EqualTo(1));
        Assert.That(metrics.BridgeConnected.Value, Is.Zero);
    }
}
