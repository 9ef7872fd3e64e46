using BenchmarkDotNet.Attributes;
using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>
/// The cost of claiming and publishing one slot (and a batch of 16) on each sequencer, single-threaded, with the
/// gating sequence kept just behind so the wrap check takes its cached fast path (the steady state). Run:
/// <c>dotnet run -c Release --project Engine.Bench -- --filter *SequencerBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class SequencerBenchmarks
{
    private const int Operations = 1024;

    private readonly Sequence _gating = new();
    private SingleProducerSequencer _single = null!;
    private SingleProducerSequencer _singleBlocking = null!;
    private MultiProducerSequencer _multi = null!;

    [GlobalSetup]
    public void Setup()
    {
        _single = new SingleProducerSequencer(1 << 16);
        _singleBlocking = new SingleProducerSequencer(1 << 16, WaitStrategyKind.Blocking, new WaitSignal());
        _multi = new MultiProducerSequencer(1 << 16);
        _gating.Value = long.MaxValue / 4;
        _single.SetGatingSequences(_gating);
        _singleBlocking.SetGatingSequences(_gating);
        _multi.SetGatingSequences(_gating);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long SingleProducer_NextPublish()
    {
        long s = 0;
        for (var i = 0; i < Operations; i++)
        {
            s = _single.Next();
            _single.Publish(s);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long SingleProducer_Batch16()
    {
        long s = 0;
        for (var i = 0; i < Operations; i += 16)
        {
            s = _single.Next(16);
            _single.Publish(s - 15, s);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long SingleProducer_BlockingSignal_NextPublish()
    {
        long s = 0;
        for (var i = 0; i < Operations; i++)
        {
            s = _singleBlocking.Next();
            _singleBlocking.Publish(s);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long MultiProducer_NextPublish()
    {
        long s = 0;
        for (var i = 0; i < Operations; i++)
        {
            s = _multi.Next();
            _multi.Publish(s);
        }

        return s;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public long MultiProducer_Batch16()
    {
        long s = 0;
        for (var i = 0; i < Operations; i += 16)
        {
            s = _multi.Next(16);
            _multi.Publish(s - 15, s);
        }

        return s;
    }
}
