using IctEngine.Host.Operations;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Operations;

[TestFixture]
public sealed class RecoverySupervisorTests
{
    [Test]
    public void Poll_RecoveryKeepsFailing_BacksOffThenEscalatesOnce()
    {
        var attempts = new List<double>();
        var escalations = new List<string>();
        var now = TimeSpan.Zero;
        var supervisor = new RecoverySupervisor();
        supervisor.Add("bridge", () => false, () => { attempts.Add(now.TotalSeconds); return false; },
            new RecoveryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), MaxAttempts: 4), escalations.Add);

        for (var s = 0.0; s <= 30; s += 0.5)
        {
            now = TimeSpan.FromSeconds(s);
            supervisor.Poll(now);
        }

        Assert.That(attempts, Is.EqualTo(new[] { 1.0, 3, 7, 11 })); // delays 1, 2, 4, 4 (capped)
        Assert.That(escalations, Has.Count.EqualTo(1));
        Assert.That(escalations[0], Does.Contain("bridge"));
    }

    [Test]
    public void Poll_ComponentRecovers_AttemptsReset()
    {
        var fine = false;
        var supervisor = new RecoverySupervisor();
        supervisor.Add("bridge", () => fine, () => false, new RecoveryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 10), _ => Assert.Fail("escalated"));

        supervisor.Poll(TimeSpan.FromSeconds(0));
        supervisor.Poll(TimeSpan.FromSeconds(1));
        Assert.That(supervisor.AttemptsOf("bridge"), Is.EqualTo(1));
        fine = true;
        supervisor.Poll(TimeSpan.FromSeconds(2));

        Assert.That(supervisor.AttemptsOf("bridge"), Is.Zero);
    }
}
