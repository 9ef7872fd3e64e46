using IctEngine.Core;
using IctEngine.Replay;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Replay;

[TestFixture]
public sealed class TradingPipelineTests
{
    private static Tick[]? _ticks;

    private static Tick[] Ticks => _ticks ??= [.. SampleTicks.Load().Take(20_000)];

    private static TradingPipeline Run(bool sampleLatency, string threading = "fused", bool pinned = false)
    {
        var pipeline = new TradingPipeline(InstrumentCatalog.Default, new EngineSettings { LatencySampleShift = 0, Threading = threading, PinThreads = pinned }, null, "test")
        {
            SampleLatency = sampleLatency,
        };
        pipeline.Start();
        pipeline.PublishTicks(Ticks);
        Assert.That(pipeline.Complete(TimeSpan.FromSeconds(30)), Is.True);
        return pipeline;
    }

    [Test]
    public void PublishTicks_SampleLatencyOn_EveryStageRecordsEveryTick()
    {
        using var pipeline = Run(sampleLatency: true);
        Assert.That(pipeline.Latency.Snapshot().Select(s => s.Samples), Is.All.EqualTo(Ticks.Length));
    }

    [Test]
    public void PublishTicks_SampleLatencyOff_NothingIsRecordedButEveryTickIsProcessed()
    {
        using var pipeline = Run(sampleLatency: false);
        Assert.Multiple(() =>
        {
            Assert.That(pipeline.Latency.Snapshot().Select(s => s.Samples), Is.All.EqualTo(0));
            Assert.That(pipeline.Validation.Ticks, Is.EqualTo(Ticks.Length));
        });
    }

    [Test]
    public void Complete_FusedAndThreaded_SameDecisionsHash()
    {
        using var fused = Run(sampleLatency: false);
        using var threads = Run(sampleLatency: false, threading: "threads");
        Assert.That(fused.Hasher.ToHex(), Is.EqualTo(threads.Hasher.ToHex()));
        Assert.That(fused.Journal.Count, Is.GreaterThan(0));
    }

    [Test]
    public void Complete_PinnedThreads_SameDecisionsHashAsUnpinned()
    {
        using var pinned = Run(sampleLatency: false, threading: "threads", pinned: true);
        using var free = Run(sampleLatency: false);
        Assert.That(pinned.Hasher.ToHex(), Is.EqualTo(free.Hasher.ToHex()));
    }

    [Test]
    public void ConsumerCpus_Chosen_CycledOverTheGroups()
    {
        var settings = new EngineSettings { Threading = "validation,smc|risk,execution|journal", PinThreads = true, ConsumerCpus = [0, 1] };

        Assert.That(TradingPipeline.ConsumerCpus(settings), Is.EqualTo(new[] { 0, 1, 0 }));
    }

    [Test]
    public void ConsumerCpus_NoneChosen_TheLastCpus()
    {
        var settings = new EngineSettings { Threading = "fused", PinThreads = true };

        Assert.That(TradingPipeline.ConsumerCpus(settings), Is.EqualTo(new[] { Math.Max(0, Environment.ProcessorCount - 1) }));
    }

    [TestCase(WaitStrategyKind.Yielding, WaitStrategyKind.Sleeping)]
    [TestCase(WaitStrategyKind.BusySpin, WaitStrategyKind.Sleeping)]
    [TestCase(WaitStrategyKind.Sleeping, WaitStrategyKind.Sleeping)]
    [TestCase(WaitStrategyKind.Blocking, WaitStrategyKind.Blocking)]
    public void ProducerWaitFor_ConsumerStrategy_ProducerSleepsOrBlocksWhenRingFull(WaitStrategyKind consumers, WaitStrategyKind producer)
    {
        Assert.That(TradingPipeline.ProducerWaitFor(consumers), Is.EqualTo(producer));
    }
}
