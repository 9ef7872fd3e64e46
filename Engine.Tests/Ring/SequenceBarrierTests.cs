using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class SequenceBarrierTests
{
    [Test]
    public void WaitFor_Available_ReturnsHighestAvailable()
    {
        var barrier = new SequenceBarrier(new Sequence(10));
        var wait = default(BusySpinWaitStrategy);

        Assert.That(barrier.WaitFor(3, ref wait), Is.EqualTo(10));
    }

    [Test]
    public void WaitFor_Alerted_ReturnsBelowRequested()
    {
        var barrier = new SequenceBarrier(new Sequence(2));
        var wait = default(YieldingWaitStrategy);
        var waiting = Task.Run(() => barrier.WaitFor(5, ref wait));
        Thread.Sleep(20);
        barrier.Alert();

        Assert.That(waiting.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(waiting.Result, Is.LessThan(5));
    }

    [Test]
    public void WaitFor_MultiProducerGap_WaitsForUnpublishedSlot()
    {
        var sequencer = new MultiProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        var barrier = new SequenceBarrier(sequencer.Cursor, sequencer);
        var high = sequencer.Next(3);
        sequencer.Publish(0);
        sequencer.Publish(2);

        Assert.That(barrier.Available(0), Is.EqualTo(0));
        var wait = default(YieldingWaitStrategy);
        var waiting = Task.Run(() => barrier.WaitFor(1, ref wait));
        Assert.That(waiting.Wait(50), Is.False);
        sequencer.Publish(1);
        Assert.That(waiting.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(waiting.Result, Is.EqualTo(high));
    }
}
