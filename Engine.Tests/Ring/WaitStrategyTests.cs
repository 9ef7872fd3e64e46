using System.Diagnostics;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

/// <summary>
/// Exactly-once, in-order delivery through a small ring (thousands of wraps) for one wait strategy, with both
/// sequencers. One subclass per strategy.
/// </summary>
public abstract class WaitStrategyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    protected abstract WaitStrategyKind Kind { get; }

    /// <summary>Events per test: fewer for strategies that cost a core per waiting thread on a busy machine.</summary>
    protected virtual int Events => 2_000_000;

    [Test]
    [CancelAfter(60_000)]
    public void SingleProducer_ManyWraps_EachEventOnceInOrder()
    {
        var check = new OrderCheckingHandler(1);
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Single, Kind).Then(check, "check").Build();
        pipeline.Start();
        RingTestPublisher.PublishRangeWithin(pipeline, 0, Events);

        AssertDrained(pipeline);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Count, Is.EqualTo(Events));
        Assert.That(check.Batches, Is.LessThanOrEqualTo(check.Count));
    }

    [Test]
    [CancelAfter(60_000)]
    public void SingleProducer_BatchClaims_EachEventOnceInOrder()
    {
        const int batch = 16;
        var check = new OrderCheckingHandler(1);
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Single, Kind).Then(check, "check").Build();
        pipeline.Start();
        long value = 0;
        var producer = new Thread(() =>
        {
            for (var b = 0; b < Events / batch; b++)
            {
                var high = pipeline.Next(batch);
                for (var s = high - batch + 1; s <= high; s++)
                {
                    ref var e = ref pipeline[s];
                    e.Value = value++;
                    e.Producer = 0;
                    e.Stage = 0;
                }

                pipeline.Publish(high - batch + 1, high);
            }
        }) { IsBackground = true };
        producer.Start();
        Assert.That(producer.Join(Timeout), Is.True, "producer finished");

        AssertDrained(pipeline);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Count, Is.EqualTo(value));
    }

    [TestCase(2)]
    [TestCase(4)]
    [CancelAfter(60_000)]
    public void MultiProducer_SeveralProducers_EachProducersEventsOnceInOrder(int producers)
    {
        var perProducer = Events / 2 / producers / 8 * 8; // a multiple of the batch claim
        var check = new OrderCheckingHandler(producers);
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Multi, Kind).Then(check, "check").Build();
        pipeline.Start();
        var threads = new Thread[producers];
        for (var p = 0; p < producers; p++)
        {
            var producer = p;
            threads[p] = new Thread(() =>
            {
                // Odd producers claim in batches, so single and batch claims interleave.
                var batch = producer % 2 == 0 ? 1 : 8;
                for (long i = 0; i < perProducer; i += batch)
                {
                    var high = pipeline.Next(batch);
                    for (var s = high - batch + 1; s <= high; s++)
                    {
                        ref var e = ref pipeline[s];
                        e.Value = i + (s - (high - batch + 1));
                        e.Producer = producer;
                        e.Stage = 0;
                    }

                    pipeline.Publish(high - batch + 1, high);
                }
            }) { IsBackground = true };
            threads[p].Start();
        }

        foreach (var thread in threads)
        {
            Assert.That(thread.Join(Timeout), Is.True, "producer finished");
        }

        AssertDrained(pipeline);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Count, Is.EqualTo((long)perProducer * producers));
    }

    [Test]
    [CancelAfter(60_000)]
    public void TwoStagesOnTwoThreads_SecondStageNeverAhead()
    {
        var first = new OrderCheckingHandler(1, 1);
        var second = new OrderCheckingHandler(1, 2);
        var pipeline = new PipelineBuilder<RingTestEvent>(256, ProducerType.Single, Kind)
            .Then(first, "first").Then(second, "second").Build();
        pipeline.Start();
        var events = Events / 4;
        RingTestPublisher.PublishRangeWithin(pipeline, 0, events);

        AssertDrained(pipeline);
        Assert.That(first.Error, Is.Null);
        Assert.That(second.Error, Is.Null);
        Assert.That(second.Count, Is.EqualTo(events));
    }

    private static void AssertDrained(Pipeline<RingTestEvent> pipeline)
    {
        var clock = Stopwatch.StartNew();
        var drained = pipeline.Drain(Timeout);
        Assert.That(pipeline.Halt(TimeSpan.FromSeconds(10)), Is.True, "halted");
        Assert.That(drained, Is.True, $"drained within {Timeout} (took {clock.Elapsed})");
        Assert.That(pipeline.Occupancy, Is.Zero);
    }
}
