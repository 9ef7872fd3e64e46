using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class MultiProducerSequencerTests
{
    [Test]
    public void HighestPublished_GapInPublished_StopsBeforeGap()
    {
        var sequencer = new MultiProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        var high = sequencer.Next(4);
        sequencer.Publish(0);
        sequencer.Publish(1);
        sequencer.Publish(3);

        Assert.That(high, Is.EqualTo(3));
        Assert.That(sequencer.HighestPublished(0, high), Is.EqualTo(1));
        sequencer.Publish(2);
        Assert.That(sequencer.HighestPublished(0, high), Is.EqualTo(3));
    }

    [Test]
    public void IsAvailable_SlotFromPreviousLap_IsFalse()
    {
        var consumer = new Sequence();
        var sequencer = new MultiProducerSequencer(4);
        sequencer.SetGatingSequences(consumer);
        var high = sequencer.Next(4);
        sequencer.Publish(0, high);
        consumer.Value = high;

        Assert.That(sequencer.IsAvailable(0), Is.True);
        Assert.That(sequencer.IsAvailable(4), Is.False, "sequence 4 shares slot 0 but is a lap ahead");
        sequencer.Publish(sequencer.Next());
        Assert.That(sequencer.IsAvailable(4), Is.True);
    }

    [Test]
    public void Next_ConcurrentProducers_ClaimsAreUnique()
    {
        var consumer = new Sequence(long.MaxValue / 2);
        var sequencer = new MultiProducerSequencer(1 << 16);
        sequencer.SetGatingSequences(consumer);
        var claimed = new int[40_000];
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                Interlocked.Increment(ref claimed[sequencer.Next()]);
            }
        });

        Assert.That(claimed, Is.All.EqualTo(1));
    }

    [Test]
    public void Publish_SteadyState_DoesNotAllocate()
    {
        var consumer = new Sequence();
        var sequencer = new MultiProducerSequencer(1024);
        sequencer.SetGatingSequences(consumer);

        Assert.That(ClaimPublishAllocation.Measure(sequencer.Next, sequencer.Publish, consumer), Is.Zero);
    }
}
