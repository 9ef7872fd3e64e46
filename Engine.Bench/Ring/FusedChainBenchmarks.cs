using BenchmarkDotNet.Attributes;
using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>
/// Four fused stages over 1024 slots, no threads: the pipeline's generic struct composition (what a fused group
/// runs, inlined) against a loop over an array of interface references. Run:
/// <c>dotnet run -c Release --project Engine.Bench -- --filter *FusedChainBenchmarks*</c>.
/// </summary>
public class FusedChainBenchmarks
{
    private const int Slots = 1024;

    private readonly BenchEvent[] _slots = new BenchEvent[Slots];
    private HandlerLink<BenchEvent, SumHandler, HandlerLink<BenchEvent, SumHandler, HandlerLink<BenchEvent, SumHandler, HandlerLink<BenchEvent, SumHandler, ChainEnd<BenchEvent>>>>> _chain;
    private HandlerArrayHandler _array = null!;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < Slots; i++)
        {
            _slots[i].Value = i;
        }

        _chain = new(default, new(default, new(default, new(default, default, 3), 2), 1), 0);
        _array = new HandlerArrayHandler([new SumClassHandler(), new SumClassHandler(), new SumClassHandler(), new SumClassHandler()]);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Slots)]
    public void StructComposition()
    {
        for (var s = 0; s < Slots; s++)
        {
            _chain.OnEvent(ref _slots[s], s, s == Slots - 1);
        }
    }

    [Benchmark(OperationsPerInvoke = Slots)]
    public void HandlerArray()
    {
        for (var s = 0; s < Slots; s++)
        {
            _array.OnEvent(ref _slots[s], s, s == Slots - 1);
        }
    }
}
