using System.Diagnostics;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Pipeline;

[TestFixture]
[CancelAfter(60_000)]
public sealed class PipelineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [TestCase("threads")]
    [TestCase("fused")]
    [TestCase("a|b,c|d")]
    [TestCase("a,b|c,d")]
    public void Publish_FourStages_StageKSeesSlotOnlyAfterStageKMinus1(string groups)
    {
        var stages = new[] { new OrderCheckingHandler(1, 1), new OrderCheckingHandler(1, 2), new OrderCheckingHandler(1, 3), new OrderCheckingHandler(1, 4) };
        var pipeline = new PipelineBuilder<RingTestEvent>(256, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(stages[0], "a").Then(stages[1], "b").Then(stages[2], "c").Then(stages[3], "d")
            .WithThreadGroups(groups)
            .Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 300_000);

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        foreach (var stage in stages)
        {
            Assert.That(stage.Error, Is.Null);
            Assert.That(stage.Count, Is.EqualTo(300_000));
        }
    }

    [Test]
    public void Publish_LockstepBackoffOff_StagesStillOrderedExactlyOnce()
    {
        var first = new OrderCheckingHandler(1, 1);
        var second = new OrderCheckingHandler(1, 2);
        var pipeline = new PipelineBuilder<RingTestEvent>(256, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(first, "first").Then(second, "second")
            .WithLockstepBackoff(false)
            .Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 200_000);

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(first.Error, Is.Null);
        Assert.That(second.Error, Is.Null);
        Assert.That(second.Count, Is.EqualTo(200_000));
    }

    [TestCase("threads")]
    [TestCase("fused")]
    public void Fault_HaltPolicy_ReportsHaltsAndRestartResumesWithNothingLostOrRepeated(string groups)
    {
        const int total = 5_000;
        var (pipeline, first, second, third, faults) = ThreeStagesFaultingAt(
            1234, groups, FaultPolicy.Halt, ProducerType.Single, WaitStrategyKind.Blocking, total);
        PublishRange(pipeline, 0, total);

        WaitUntil(() => pipeline.State == PipelineState.Faulted);
        Assert.That(pipeline.Halt(Timeout), Is.True);
        Assert.That(faults, Has.Count.EqualTo(1));
        Assert.That(faults[0].Stage, Is.EqualTo("second"));
        Assert.That(faults[0].Sequence, Is.EqualTo(1234));
        Assert.That(faults[0].Action, Is.EqualTo(FaultPolicy.Halt));
        Assert.That(pipeline.FaultCount, Is.EqualTo(1));
        Assert.That(pipeline.StageSequence(1), Is.EqualTo(1233), "the faulting stage released everything before the slot");
        Assert.That(pipeline.StageSequence(2), Is.LessThanOrEqualTo(1233), "later stages never pass the faulting slot");
        Assert.That(third.Deliveries(1234), Is.Zero);

        second.Throwing = false;
        pipeline.Start();
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(first.FirstNotExactlyOnce(total), Is.EqualTo(-1), "first");
        Assert.That(second.FirstNotExactlyOnce(total), Is.EqualTo(-1), "second");
        Assert.That(third.FirstNotExactlyOnce(total), Is.EqualTo(-1), "third");
    }

    [TestCase(0, FaultPolicy.Halt)]
    [TestCase(1, FaultPolicy.Halt)]
    [TestCase(2, FaultPolicy.Halt)]
    [TestCase(0, FaultPolicy.LogAndSkip)]
    [TestCase(2, FaultPolicy.LogAndSkip)]
    public void Fault_FusedStructHandlers_ReportsFaultingStageAndSlotAndDeliversExactlyOnce(int faultingStage, FaultPolicy policy)
    {
        const int total = 20_000;
        const long throwAt = 9_999;
        var handlers = new[] { new DeliveryCountingHandler(total), new DeliveryCountingHandler(total), new DeliveryCountingHandler(total) };
        handlers[faultingStage].ThrowAt = throwAt;
        var faults = new List<PipelineFault>();
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(new ForwardingStructHandler(handlers[0]), "a")
            .Then(new ForwardingStructHandler(handlers[1]), "b")
            .Then(new ForwardingStructHandler(handlers[2]), "c")
            .Fused()
            .WithFaultPolicy(policy)
            .OnFault(fault =>
            {
                lock (faults)
                {
                    faults.Add(fault);
                }
            })
            .Build();
        pipeline.Start();
        PublishRange(pipeline, 0, policy == FaultPolicy.Halt ? throwAt + 1 : total);
        if (policy == FaultPolicy.Halt)
        {
            WaitUntil(() => pipeline.State == PipelineState.Faulted);
            Assert.That(pipeline.Halt(Timeout), Is.True);
            handlers[faultingStage].Throwing = false;
            pipeline.Start();
            PublishRange(pipeline, throwAt + 1, total);
        }

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(faults, Has.Count.EqualTo(1));
        Assert.That(faults[0].Stage, Is.EqualTo(new[] { "a", "b", "c" }[faultingStage]));
        Assert.That(faults[0].Sequence, Is.EqualTo(throwAt));
        for (var i = 0; i < handlers.Length; i++)
        {
            if (policy == FaultPolicy.LogAndSkip && i == faultingStage)
            {
                Assert.That(handlers[i].Deliveries(throwAt), Is.Zero, "the faulting stage skips the slot");
                Assert.That(handlers[i].Count, Is.EqualTo(total - 1));
            }
            else
            {
                Assert.That(handlers[i].FirstNotExactlyOnce(total), Is.EqualTo(-1), "stage " + i);
            }
        }
    }

    [TestCase("threads")]
    [TestCase("fused")]
    public void Fault_LogAndSkip_FaultingStageSkipsSlotOthersStillSeeIt(string groups)
    {
        const int total = 5_000;
        var (pipeline, first, second, third, faults) = ThreeStagesFaultingAt(
            777, groups, FaultPolicy.LogAndSkip, ProducerType.Multi, WaitStrategyKind.Yielding, total);
        PublishRange(pipeline, 0, total);

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(faults, Has.Count.EqualTo(1));
        Assert.That(faults[0].Sequence, Is.EqualTo(777));
        Assert.That(faults[0].Action, Is.EqualTo(FaultPolicy.LogAndSkip));
        Assert.That(second.Deliveries(777), Is.Zero);
        Assert.That(second.Count, Is.EqualTo(total - 1));
        Assert.That(first.FirstNotExactlyOnce(total), Is.EqualTo(-1));
        Assert.That(third.FirstNotExactlyOnce(total), Is.EqualTo(-1));
    }

    [Test]
    public void Next_RingFullAfterHaltingFault_ThrowsInsteadOfHanging()
    {
        var failing = new DeliveryCountingHandler(64) { ThrowAt = 0 };
        var pipeline = new PipelineBuilder<RingTestEvent>(16, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(failing, "failing").Build();
        pipeline.Start();

        Assert.Throws<InvalidOperationException>(() => PublishRange(pipeline, 0, 64));
        Assert.That(pipeline.State, Is.EqualTo(PipelineState.Faulted));
        Assert.That(pipeline.Halt(Timeout), Is.True);
    }

    [TestCase(ProducerType.Single, "threads")]
    [TestCase(ProducerType.Multi, "fused")]
    public void HaltThenStart_WhilePublishing_EveryEventOnceAtEveryStage(ProducerType producer, string groups)
    {
        const int total = 400_000;
        var stages = new[] { new DeliveryCountingHandler(total), new DeliveryCountingHandler(total), new DeliveryCountingHandler(total) };
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, producer, WaitStrategyKind.Yielding)
            .Then(stages[0], "a").Then(stages[1], "b").Then(stages[2], "c")
            .WithThreadGroups(groups)
            .WithMaxBatchSize(64)
            .Build();
        pipeline.Start();
        var publisher = new Thread(() => RingTestPublisher.PublishRange(pipeline, 0, total)) { IsBackground = true };
        publisher.Start();
        var restarts = 0;
        while (publisher.IsAlive && restarts < 20)
        {
            Thread.Sleep(5);
            Assert.That(pipeline.Halt(Timeout), Is.True);
            Assert.That(pipeline.State, Is.EqualTo(PipelineState.Halted));
            pipeline.Start();
            restarts++;
        }

        Assert.That(publisher.Join(Timeout), Is.True);
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(restarts, Is.GreaterThan(0));
        foreach (var stage in stages)
        {
            Assert.That(stage.FirstNotExactlyOnce(total), Is.EqualTo(-1));
        }
    }

    [Test]
    public void Drain_AfterPublishing_EveryEventReachedEveryStageThenHaltStops()
    {
        var last = new DeliveryCountingHandler(10_000);
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Single, WaitStrategyKind.Sleeping)
            .Then(new DeliveryCountingHandler(10_000), "a").Then(last, "b").Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 10_000);

        Assert.That(pipeline.Drain(Timeout), Is.True);
        Assert.That(last.Count, Is.EqualTo(10_000));
        Assert.That(pipeline.StageLag(1), Is.Zero);
        Assert.That(pipeline.Halt(Timeout), Is.True);
        Assert.That(pipeline.State, Is.EqualTo(PipelineState.Halted));
    }

    [Test]
    public void Start_PinnedStageThreads_OtherThreadsKeptOffTheirCpuUntilHalt()
    {
        if (!OperatingSystem.IsLinux() || System.Numerics.BitOperations.PopCount(ThreadAffinity.OfCurrentThread()) < 2)
        {
            Assert.Ignore("Needs Linux and a thread allowed on at least two CPUs.");
        }

        var before = ThreadAffinity.OfCurrentThread();
        var cpu = 63 - System.Numerics.BitOperations.LeadingZeroCount(before);
        var stage = new DeliveryCountingHandler(100);
        var pipeline = new PipelineBuilder<RingTestEvent>(1024, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(stage, "a").WithCpuAffinity(cpu).Build();
        pipeline.Start();
        var whileRunning = ThreadAffinity.OfCurrentThread();
        PublishRange(pipeline, 0, 100);

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(stage.Count, Is.EqualTo(100));
        Assert.That(whileRunning, Is.EqualTo(before & ~(1UL << cpu)), "the producer's thread kept off the stage's CPU");
        Assert.That(ThreadAffinity.OfCurrentThread(), Is.EqualTo(before), "given back at halt");
    }

    [Test]
    public void Drain_StageStuck_ReturnsFalseAfterTimeout()
    {
        using var gate = new GateHandler();
        var pipeline = new PipelineBuilder<RingTestEvent>(64, ProducerType.Single, WaitStrategyKind.Blocking).Then(gate, "gate").Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 10);
        var clock = Stopwatch.StartNew();

        Assert.That(pipeline.Drain(TimeSpan.FromMilliseconds(200)), Is.False);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        gate.Open();
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(gate.Count, Is.EqualTo(10));
    }

    [Test]
    public void Metrics_LastStageHeld_OccupancyAndLagCountUnreleasedSlots()
    {
        using var gate = new GateHandler();
        var first = new DeliveryCountingHandler(100);
        var pipeline = new PipelineBuilder<RingTestEvent>(64, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(first, "first").Then(gate, "gate").Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 40);
        WaitUntil(() => pipeline.StageSequence(0) == 39);

        Assert.That(pipeline.Occupancy, Is.EqualTo(40));
        Assert.That(pipeline.StageLag(0), Is.Zero);
        Assert.That(pipeline.StageLag(1), Is.EqualTo(40));
        gate.Open();
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(pipeline.Occupancy, Is.Zero);
    }

    [Test]
    public void Next_RingFull_ProducerWaitsAndNothingIsOverwritten()
    {
        using var gate = new GateHandler();
        var check = new OrderCheckingHandler(1);
        var pipeline = new PipelineBuilder<RingTestEvent>(8, ProducerType.Single, WaitStrategyKind.Yielding)
            .Then(check, "check").Then(gate, "gate").Build();
        pipeline.Start();
        var publisher = new Thread(() => RingTestPublisher.PublishRange(pipeline, 0, 100)) { IsBackground = true };
        publisher.Start();
        Thread.Sleep(100);

        Assert.That(pipeline.Published, Is.LessThanOrEqualTo(8), "at most a ring's worth ahead of the held stage");
        gate.Open();
        Assert.That(publisher.Join(Timeout), Is.True);
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(check.Error, Is.Null);
        Assert.That(gate.Count, Is.EqualTo(100));
    }

    [Test]
    public void Start_LifecycleAwareStages_HooksRunOnStageThreadInOrderAtEveryStartAndHalt()
    {
        var log = new List<string>();
        var a = new LifecycleRecordingHandler("a", log);
        var b = new LifecycleRecordingHandler("b", log);
        var pipeline = new PipelineBuilder<RingTestEvent>(64).Then(a, "a").Then(b, "b").Fused().Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 10);
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        pipeline.Start();
        Assert.That(pipeline.Halt(Timeout), Is.True);

        Assert.That(log, Is.EqualTo(new[] { "a.start", "b.start", "a.shutdown", "b.shutdown", "a.start", "b.start", "a.shutdown", "b.shutdown" }));
        Assert.That(a.StartThread, Is.EqualTo("ring:a+b"));
        Assert.That(a.EventThread, Is.EqualTo("ring:a+b"));
    }

    [Test]
    public void Fault_HaltPolicy_ShutdownHooksStillRun()
    {
        var log = new List<string>();
        var failing = new DeliveryCountingHandler(100) { ThrowAt = 5 };
        var pipeline = new PipelineBuilder<RingTestEvent>(64)
            .Then(failing, "failing").Then(new LifecycleRecordingHandler("journal", log), "journal").Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 10);

        WaitUntil(() => pipeline.State == PipelineState.Faulted);
        Assert.That(pipeline.Halt(Timeout), Is.True);
        Assert.That(log, Is.EqualTo(new[] { "journal.start", "journal.shutdown" }));
    }

    [Test]
    public void Start_LifecycleStartThrows_ReportedWithSequenceMinusOneAndPipelineFaulted()
    {
        PipelineFault? reported = null;
        var pipeline = new PipelineBuilder<RingTestEvent>(64)
            .Then(new ThrowingLifecycleHandler(), "journal")
            .OnFault(fault => reported = fault)
            .Build();
        pipeline.Start();

        WaitUntil(() => pipeline.State == PipelineState.Faulted);
        Assert.That(pipeline.Halt(Timeout), Is.True);
        Assert.That(reported, Is.Not.Null);
        Assert.That(reported!.Stage, Is.EqualTo("journal"));
        Assert.That(reported.Sequence, Is.EqualTo(-1));
        Assert.That(reported.Exception.Message, Is.EqualTo("cannot open journal"));
    }

    [Test]
    public void Publish_EngineEventSlotsMultiProducer_EveryStageSeesEverySlotAfterItsPredecessor()
    {
        const int total = 200_000;
        var errors = new StrongBoxLong { Value = 0 };
        var pipeline = new PipelineBuilder<EngineEvent>(4096, ProducerType.Multi, WaitStrategyKind.Yielding)
            .Then(new EngineEventSequenceHandler(PipelineStage.Validation, errors), "validation")
            .Then(new EngineEventSequenceHandler(PipelineStage.Smc, errors), "smc")
            .Then(new EngineEventSequenceHandler(PipelineStage.Risk, errors), "risk")
            .Then(new EngineEventSequenceHandler(PipelineStage.Execution, errors), "execution")
            .WithThreadGroups("validation|smc|risk,execution")
            .Build();
        pipeline.Start();
        var producers = new Task[2];
        for (var p = 0; p < producers.Length; p++)
        {
            producers[p] = Task.Run(() =>
            {
                for (var i = 0; i < total / 2; i++)
                {
                    var s = pipeline.Next();
                    ref var e = ref pipeline[s];
                    e.Kind = EngineEventKind.Tick;
                    e.TimeNs = s;
                    e.ClearOutputs();
                    pipeline.Publish(s);
                }
            });
        }

        Assert.That(Task.WaitAll(producers, Timeout), Is.True);
        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(pipeline.StageSequence(3), Is.EqualTo(total - 1));
        Assert.That(errors.Value, Is.Zero);
    }

    [Test]
    public void Halt_CalledFromFaultCallback_ReturnsWithoutDeadlock()
    {
        Pipeline<RingTestEvent>? pipeline = null;
        var halted = new StrongBoxLong();
        pipeline = new PipelineBuilder<RingTestEvent>(64)
            .Then(new DeliveryCountingHandler(16) { ThrowAt = 3 }, "failing")
            .OnFault(_ =>
            {
                halted.Value = pipeline!.Halt(TimeSpan.FromSeconds(20)) ? 1 : 0;
                halted.Done = true;
            })
            .Build();
        pipeline.Start();
        PublishRange(pipeline, 0, 8);

        WaitUntil(() => halted.Done);
        Assert.That(halted.Value, Is.EqualTo(1));
        Assert.That(pipeline.Halt(Timeout), Is.True);
    }

    [Test]
    public void Start_AlreadyRunning_Throws()
    {
        var pipeline = new PipelineBuilder<RingTestEvent>(64).Then(new DeliveryCountingHandler(1), "a").Build();
        pipeline.Start();
        Assert.Throws<InvalidOperationException>(pipeline.Start);
        Assert.That(pipeline.Halt(Timeout), Is.True);
    }

    [TestCase(ProducerType.Single, WaitStrategyKind.Yielding, "threads")]
    [TestCase(ProducerType.Multi, WaitStrategyKind.Blocking, "fused")]
    public void Publish_SteadyState_ZeroBytesAllocatedPerEventOnProducerAndConsumers(ProducerType producer, WaitStrategyKind wait, string groups)
    {
        const long warmup = 200_000;
        const long measured = 1_000_000;
        var probeA = new StrongBoxLong();
        var probeB = new StrongBoxLong();
        var pipeline = new PipelineBuilder<RingTestEvent>(4096, producer, wait)
            .Then(new AllocationProbeHandler(warmup, warmup + measured, probeA), "a")
            .Then(new AllocationProbeHandler(warmup, warmup + measured, probeB), "b")
            .WithThreadGroups(groups)
            .Build();
        pipeline.Start();
        RingTestPublisher.PublishRange(pipeline, 0, warmup);
        var before = GC.GetAllocatedBytesForCurrentThread();
        RingTestPublisher.PublishRange(pipeline, warmup, warmup + measured + 1);
        var producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(pipeline.Shutdown(Timeout), Is.True);
        Assert.That(producerBytes, Is.Zero, "producer thread");
        Assert.That(probeA.Done && probeB.Done, Is.True);
        Assert.That(probeA.Value, Is.Zero, "stage a's thread");
        Assert.That(probeB.Value, Is.Zero, "stage b's thread");
    }

    private static void PublishRange(Pipeline<RingTestEvent> pipeline, long from, long to) =>
        RingTestPublisher.PublishRangeWithin(pipeline, from, to);

    /// <summary>Three started stages; the second throws at <paramref name="throwAt"/>; faults are collected.</summary>
    private static (Pipeline<RingTestEvent> Pipeline, DeliveryCountingHandler First, DeliveryCountingHandler Second, DeliveryCountingHandler Third, List<PipelineFault> Faults)
        ThreeStagesFaultingAt(long throwAt, string groups, FaultPolicy policy, ProducerType producer, WaitStrategyKind wait, int total)
    {
        var faults = new List<PipelineFault>();
        var first = new DeliveryCountingHandler(total);
        var second = new DeliveryCountingHandler(total) { ThrowAt = throwAt };
        var third = new DeliveryCountingHandler(total);
        var pipeline = new PipelineBuilder<RingTestEvent>(8192, producer, wait)
            .Then(first, "first").Then(second, "second").Then(third, "third")
            .WithThreadGroups(groups)
            .WithFaultPolicy(policy)
            .OnFault(fault =>
            {
                lock (faults)
                {
                    faults.Add(fault);
                }
            })
            .Build();
        pipeline.Start();
        return (pipeline, first, second, third, faults);
    }

    private static void WaitUntil(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(clock.Elapsed, Is.LessThan(Timeout), "condition not reached in time");
            Thread.Sleep(1);
        }
    }
}
