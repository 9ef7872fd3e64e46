using BenchmarkDotNet.Attributes;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Smc;
using IctEngine.Ticks;

namespace IctEngine.Bench.Smc;

/// <summary>
/// Cost of the SMC stage per tick on the bundled 6-day EURUSD sample (every tick, default options: six timeframes,
/// all detectors, the strategy), queues drained inline. Reported per tick (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class SmcStageBenchmarks
{
    private const int SampleTickCount = 186_092;

    private Tick[] _ticks = [];
    private SmcStage _stage = null!;
    private SpscQueue<Decision> _decisions = null!;
    private SpscQueue<Signal> _signals = null!;

    [GlobalSetup]
    public void LoadSample()
    {
        _ticks = Replay.BenchData.LoadSample(InstrumentCatalog.Default.Get("EURUSD"));
        if (_ticks.Length != SampleTickCount)
        {
            throw new InvalidOperationException($"Expected {SampleTickCount} sample ticks, read {_ticks.Length}.");
        }
    }

    [IterationSetup]
    public void FreshStage()
    {
        _decisions = new SpscQueue<Decision>(1 << 12);
        _signals = new SpscQueue<Signal>(256);
        _stage = new SmcStage(InstrumentCatalog.Default, new SmcOptions(), _decisions, _signals);
    }

    [Benchmark(OperationsPerInvoke = SampleTickCount)]
    public long StagePerTick()
    {
        var e = default(EngineEvent);
        long decided = 0;
        for (var i = 0; i < _ticks.Length; i++)
        {
            e.ClearOutputs();
            e.Kind = EngineEventKind.Tick;
            e.Tick = _ticks[i];
            e.TimeNs = _ticks[i].TimeNs;
            _stage.OnEvent(ref e, i, true);
            decided += e.Decisions[(int)PipelineStage.Smc];
            while (_decisions.TryRead(out _))
            {
            }

            while (_signals.TryRead(out _))
            {
            }
        }

        return decided;
    }
}
