using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class WaitSignalTests
{
    [Test]
    public void Notify_NobodyAsleep_DoesNotSignal()
    {
        var signal = new WaitSignal();
        for (var i = 0; i < 1000; i++)
        {
            signal.Notify();
        }

        Assert.That(signal.WakeUps, Is.Zero);
    }

    [Test]
    public void Notify_SleeperWaiting_WakesIt()
    {
        var signal = new WaitSignal();
        var published = new Sequence();
        var barrier = new SequenceBarrier(published);
        var wait = new BlockingWaitStrategy(signal);
        var consumer = Task.Run(() => barrier.WaitFor(0, ref wait));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (signal.Sleepers == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(1);
        }

        published.Value = 0;
        signal.Notify();

        Assert.That(consumer.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(consumer.Result, Is.EqualTo(0));
        Assert.That(signal.WakeUps, Is.GreaterThanOrEqualTo(1));
    }
}
