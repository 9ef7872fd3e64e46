using IctEngine.Host.Operations;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
public sealed class ShutdownCoordinatorTests
{
    [Test]
    public void RunSteps_FailingStep_RunsTheRestInOrderAndOnce()
    {
        var ran = new List<string>();
        using var coordinator = new ShutdownCoordinator(_ => Assert.Fail("forced"));
        coordinator.AddStep("stop intake", () => ran.Add("intake"));
        coordinator.AddStep("drain", () => throw new InvalidOperationException("boom"));
        coordinator.AddStep("flush", () => ran.Add("flush"));
        coordinator.AddStep("close bridge", () => ran.Add("bridge"));

        coordinator.OnSignal("SIGTERM");
        Assert.That(coordinator.ShutdownRequested.IsCancellationRequested, Is.True);
        var elapsed = coordinator.RunSteps();
        coordinator.RunSteps();

        Assert.That(ran, Is.EqualTo(new[] { "intake", "flush", "bridge" }));
        Assert.That(coordinator.Elapsed, Is.EqualTo(elapsed));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void OnSignal_Second_ForcesExitWith130()
    {
        var exitCode = -1;
        using var coordinator = new ShutdownCoordinator(code => exitCode = code);

        coordinator.OnSignal("SIGINT");
        Assert.That(exitCode, Is.EqualTo(-1));
        coordinator.OnSignal("SIGINT");

        Assert.That(exitCode, Is.EqualTo(130));
    }

    [Test]
    public void Register_InstallsHandlersWithoutThrowing()
    {
        using var coordinator = new ShutdownCoordinator(_ => { });

        Assert.DoesNotThrow(coordinator.Register);
    }
}
