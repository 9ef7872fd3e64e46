using IctEngine.Bridge;
using IctEngine.Host.Operations;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
public sealed class HealthRegistryTests
{
    [Test]
    public void Evaluate_BridgeDisconnectsAndReconnects_TransitionsHealthyDegradedHealthy()
    {
        var state = BridgeConnectionState.Connected;
        var registry = new HealthRegistry();
        var changes = new List<(HealthStatus? From, HealthStatus To)>();
        registry.StatusChanged = (previous, current) => changes.Add((previous?.Status, current.Status));
        registry.Register("bridge", HealthChecks.BridgeConnection(() => state));

        registry.Evaluate();
        state = BridgeConnectionState.Disconnected;
        var degraded = registry.Evaluate();
        registry.Evaluate();
        state = BridgeConnectionState.Connected;
        var healthy = registry.Evaluate();

        Assert.That(degraded.Overall, Is.EqualTo(HealthStatus.Degraded));
        Assert.That(healthy.Overall, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(changes, Is.EqualTo(new List<(HealthStatus?, HealthStatus)>
        {
            (null, HealthStatus.Healthy), (HealthStatus.Healthy, HealthStatus.Degraded), (HealthStatus.Degraded, HealthStatus.Healthy),
        }));
    }

    [Test]
    public void Evaluate_WorstComponentWins_AndThrowingProbeIsUnhealthy()
    {
        var occupancy = 10.0;
        var registry = new HealthRegistry();
        registry.Register("ring", HealthChecks.Threshold(() => occupancy, 50, 90, "%"));
        registry.Register("journal", () => throw new InvalidOperationException("store gone"));

        var report = registry.Evaluate();

        Assert.That(report.Overall, Is.EqualTo(HealthStatus.Unhealthy));
        Assert.That(report.Components.Single(c => c.Name == "journal").Detail, Does.Contain("store gone"));
        occupancy = 60;
        Assert.That(registry.Evaluate().Components.Single(c => c.Name == "ring").Status, Is.EqualTo(HealthStatus.Degraded));
        occupancy = 95;
        Assert.That(registry.Evaluate().Components.Single(c => c.Name == "ring").Status, Is.EqualTo(HealthStatus.Unhealthy));
    }

    [Test]
    public void FeedFreshness_NeverTicked_IsUnhealthy_RecentTickHealthy()
    {
        long last = 0;
        var probe = HealthChecks.FeedFreshness(() => last, 30, 300);

        Assert.That(probe().Status, Is.EqualTo(HealthStatus.Unhealthy));
        last = Environment.TickCount64;
        Assert.That(probe().Status, Is.EqualTo(HealthStatus.Healthy));
    }
}
