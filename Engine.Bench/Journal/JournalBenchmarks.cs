using BenchmarkDotNet.Attributes;
using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Bench.Journal;

/// <summary>
/// Micro-benchmarks of the journal's per-decision work (codec, hash) and of a SQLite group commit, per event.
/// <c>dotnet run -c Release --project Engine.Bench -- --filter '*JournalBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class JournalBenchmarks
{
    private const int BatchSize = 1_000;

    private readonly byte[] _buffer = new byte[DecisionCodec.MaxEncodedSize];
    private Decision _decision;
    private int _encodedLength;
    private DecisionHasher _hasher = null!;
    private SqliteEventStore _store = null!;
    private JournalWorkload _workload = null!;
    private EventBatch _batch = null!;
    private string _directory = string.Empty;
    private long _batchNumber;

    [GlobalSetup]
    public void Setup()
    {
        _decision = new Decision
        {
            Type = DecisionType.BarClosed, SymbolId = 1, Timeframe = 60, TimeNs = 1_400_000_000_000_000_000,
            CorrelationId = 123_456, Id = 99, A = 108_000, B = 108_050, C = 107_990, D = 108_020, E = 57,
        };
        _encodedLength = DecisionCodec.Encode(_decision, _buffer);
        _hasher = new DecisionHasher();
        _directory = Path.Combine(Path.GetTempPath(), "ict-bdn-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _store = new SqliteEventStore(Path.Combine(_directory, "bench.db"));
        _workload = new JournalWorkload(BatchSize);
        _batch = new EventBatch();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _hasher.Dispose();
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int Encode() => DecisionCodec.Encode(_decision, _buffer);

    [Benchmark]
    public long Decode() => DecisionCodec.Decode(_buffer.AsSpan(0, _encodedLength)).A;

    [Benchmark]
    public long Hash()
    {
        _hasher.Append(_decision);
        return _hasher.Count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public long SqliteAppendPerEvent()
    {
        _workload.Fill(_batch, "bdn", _batchNumber++);
        _store.Append(_batch);
        return _batch.LastPosition;
    }
}
