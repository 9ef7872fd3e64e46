using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class SingleProducerSequencerTests
{
    [Test]
    public void Next_Repeatedly_ClaimsConsecutiveSequences()
    {
        var sequencer = new SingleProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());

        Assert.That(sequencer.Next(), Is.EqualTo(0));
        Assert.That(sequencer.Next(), Is.EqualTo(1));
        Assert.That(sequencer.Next(3), Is.EqualTo(4));
        Assert.That(sequencer.Published, Is.EqualTo(-1), "claimed is not published");
    }

    [Test]
    public void Publish_Batch_MovesCursorToHigh()
    {
        var sequencer = new SingleProducerSequencer(8);
        sequencer.SetGatingSequences(new Sequence());
        var high = sequencer.Next(4);
        sequencer.Publish(high - 3, high);

        Assert.That(sequencer.Cursor.Value, Is.EqualTo(3));
    }

    [Test]
    public void TryNext_RingFull_ReturnsFalseUntilConsumerMoves()
    {
        var consumer = new Sequence();
        var sequencer = new SingleProducerSequencer(4);
        sequencer.SetGatingSequences(consumer);
        for (var i = 0; i < 4; i++)
        {
            sequencer.Publish(sequencer.Next());
        }

        Assert.That(sequencer.TryNext(out _), Is.False);
        consumer.Value = 0;
        Assert.That(sequencer.TryNext(out var claimed), Is.True);
        Assert.That(claimed, Is.EqualTo(4));
    }

    [Test]
    public void Next_RingFull_WaitsUntilConsumerReleasesSlot()
    {
        var consumer = new Sequence();
        var sequencer = new SingleProducerSequencer(4, WaitStrategyKind.Yielding);
        sequencer.SetGatingSequences(consumer);
        for (var i = 0; i < 4; i++)
        {
            sequencer.Publish(sequencer.Next());
        }

        var claim = Task.Run(sequencer.Next);
        Assert.That(claim.Wait(TimeSpan.FromMilliseconds(100)), Is.False, "must not overwrite an unreleased slot");
        consumer.Value = 0;
        Assert.That(claim.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(claim.Result, Is.EqualTo(4));
    }

    [TestCase(0)]
    [TestCase(9)]
    public void Next_CountOutOfRange_Throws(int count)
    {
        var sequencer = new SingleProducerSequencer(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => sequencer.Next(count));
    }

    [Test]
    public void Next_SteadyState_DoesNotAllocate()
    {
        var consumer = new Sequence();
        var sequencer = new SingleProducerSequencer(1024);
        sequencer.SetGatingSequences(consumer);

        Assert.That(ClaimPublishAllocation.Measure(sequencer.Next, sequencer.Publish, consumer), Is.Zero);
    }
}
