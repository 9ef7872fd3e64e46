using BenchmarkDotNet.Attributes;
using IctEngine.Ticks;

namespace IctEngine.Bench.Ticks;

/// <summary>Lean and HistData tick CSV parsing: the engine's span readers against a string.Split + double.Parse baseline.</summary>
[MemoryDiagnoser]
public class TickParsingBenchmarks
{
    private readonly Tick[] _buffer = new Tick[8192];
    private TickBenchData _data = null!;

    [Params(1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup() => _data = TickBenchData.Load(Lines);

    [Benchmark(Baseline = true)]
    public long LeanNaive() => _data.ParseLeanNaive(_buffer);

    [Benchmark]
    public long Lean() => _data.ParseLean(_buffer);

    [Benchmark]
    public long HistDataNaive() => _data.ParseHistDataNaive(_buffer);

    [Benchmark]
    public long HistData() => _data.ParseHistData(_buffer);
}
