using System.Diagnostics;
using HdrHistogram;
using IctEngine.Bench.Harness;
using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>Runs the ring side of each scenario through the same <see cref="Pipeline{T}"/> the engine uses.</summary>
internal static class RingScenarioRunner
{
    private const int RingSize = 65536;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Slots the throughput producer claims and publishes at a time: 10, as in Disruptor-net's own batch throughput
    /// tests (<c>OneToOneSequencedBatchThroughputTest</c>: <c>Next(10)</c>, fill, <c>Publish(lo, hi)</c>), which is
    /// what its published figures measure. <c>--producer-batch 1</c> measures one claim and one publish per event.
    /// </summary>
    public const int DefaultProducerBatch = 10;

    /// <summary>See <see cref="DefaultProducerBatch"/>; set from <c>--producer-batch</c>.</summary>
    public static int ProducerBatch { get; set; } = DefaultProducerBatch;

    /// <summary>Off with <c>--no-lockstep-backoff</c>, to measure what the backoff buys.</summary>
    public static bool LockstepBackoff { get; set; } = true;

    /// <summary>1 producer, <paramref name="stages"/> sum stages grouped by <paramref name="groups"/>; events/s.</summary>
    public static double Throughput(WaitStrategyKind wait, int stages, string groups, long events)
    {
        var builder = new PipelineBuilder<BenchEvent>(RingSize, ProducerType.Single, wait);
        for (var i = 0; i < stages; i++)
        {
            builder.Then(default(SumHandler), "s" + i);
        }

        return Measure(builder.WithThreadGroups(groups).WithLockstepBackoff(LockstepBackoff).Build(), events);
    }

    /// <summary>The fused scenario with a handler-array loop instead of the struct composition.</summary>
    public static double HandlerArray(WaitStrategyKind wait, int stages, long events)
    {
        var handlers = new IEventHandler<BenchEvent>[stages];
        for (var i = 0; i < stages; i++)
        {
            handlers[i] = new SumClassHandler();
        }

        var pipeline = new PipelineBuilder<BenchEvent>(RingSize, ProducerType.Single, wait)
            .Then(new HandlerArrayHandler(handlers), "array").WithLockstepBackoff(LockstepBackoff).Build();
        return Measure(pipeline, events);
    }

    /// <summary>A producer paced at <paramref name="rate"/> events/s; publish-to-consume latency.</summary>
    public static (double Rate, LongHistogram Histogram) Latency(WaitStrategyKind wait, long rate, long events)
    {
        var histogram = RingHarness.NewHistogram();
        var pipeline = new PipelineBuilder<BenchEvent>(RingSize, ProducerType.Single, wait)
            .Then(new LatencyHandler(histogram), "latency").WithLockstepBackoff(LockstepBackoff).Build();
        pipeline.Start();
        var pacer = new Pacer(rate);
        for (long i = 0; i < events; i++)
        {
            pacer.WaitFor(i);
            var s = pipeline.Next();
            ref var e = ref pipeline[s];
            e.Value = i;
            e.PublishedAt = Stopwatch.GetTimestamp();
            pipeline.Publish(s);
        }

        pipeline.Drain(DrainTimeout);
        var elapsed = Stopwatch.GetElapsedTime(pacer.Start);
        pipeline.Halt();
        return (events / elapsed.TotalSeconds, histogram);
    }

    private static double Measure(Pipeline<BenchEvent> pipeline, long events)
    {
        pipeline.Start();
        var clock = Stopwatch.StartNew();
        if (ProducerBatch == 1)
        {
            for (long i = 0; i < events; i++)
            {
                var s = pipeline.Next();
                pipeline[s].Value = i;
                pipeline.Publish(s);
            }
        }
        else
        {
            for (long i = 0; i < events;)
            {
                var count = (int)Math.Min(ProducerBatch, events - i);
                var high = pipeline.Next(count);
                var low = high - count + 1;
                for (var s = low; s <= high; s++)
                {
                    pipeline[s].Value = i++;
                }

                pipeline.Publish(low, high);
            }
        }

        if (!pipeline.Drain(DrainTimeout))
        {
            throw new TimeoutException("The ring did not drain.");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        pipeline.Halt();
        return events / seconds;
    }
}
