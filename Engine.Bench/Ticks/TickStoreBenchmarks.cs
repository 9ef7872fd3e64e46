using BenchmarkDotNet.Attributes;
using IctEngine.Ticks;

namespace IctEngine.Bench.Ticks;

/// <summary>Sequential read of a <c>.ticks</c> store from the page cache (checksums verified), in batches of 8,192.</summary>
[MemoryDiagnoser]
public class TickStoreBenchmarks
{
    private readonly Tick[] _buffer = new Tick[8192];
    private string _path = "";

    [Params(10_000_000)]
    public long Ticks { get; set; }

    [GlobalSetup]
    public void Setup() => _path = TickBenchData.WriteStore(Ticks);

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public long ReadSequential() => TickBenchData.ReadStore(_path, _buffer);
}
