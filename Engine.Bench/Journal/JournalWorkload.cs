using System.Buffers.Binary;
using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Bench.Journal;

/// <summary>
/// The journal benchmarks' workload: small decision events (encoded with <see cref="DecisionCodec"/>, ~40 bytes)
/// spread over a run's symbol streams, appended in group-commit batches like the journal writer does.
/// </summary>
public sealed class JournalWorkload
{
    private readonly byte[] _payloads;
    private readonly int[] _ends;

    public JournalWorkload(int batchSize, int streams = 8)
    {
        BatchSize = batchSize;
        Streams = streams;
        _payloads = new byte[batchSize * DecisionCodec.MaxEncodedSize];
        _ends = new int[batchSize];
        var length = 0;
        for (var i = 0; i < batchSize; i++)
        {
            var decision = new Decision
            {
                Type = DecisionType.BarClosed,
                SymbolId = i % streams,
                Timeframe = 60,
                TimeNs = 1_400_000_000_000_000_000 + (i * 1_000_000_000L),
                CorrelationId = i,
                Id = i,
                A = 108_000 + i,
                B = 108_050 + i,
                C = 107_990 + i,
                D = 108_020 + i,
                E = 57,
            };
            length += DecisionCodec.Encode(decision, _payloads.AsSpan(length));
            _ends[i] = length;
        }

        AveragePayloadBytes = length / (double)batchSize;
    }

    public int BatchSize { get; }

    public int Streams { get; }

    public double AveragePayloadBytes { get; }

    /// <summary>Fills <paramref name="batch"/> with batch number <paramref name="batchNumber"/> of run <paramref name="runId"/>.</summary>
    public void Fill(EventBatch batch, string runId, long batchNumber)
    {
        batch.Clear();
        for (var s = 0; s < Streams; s++)
        {
            batch.AddStream(JournalStreams.Symbol(runId, "S" + s), ExpectedVersion.Any);
        }

        // Ids as the journal writer derives them (run hash, then the run's sequence number, both big-endian), so
        // the event-id index sees the writer's insertion order, not a random one.
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(id, RunHash(runId));
        var start = 0;
        for (var i = 0; i < BatchSize; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(id[8..], (batchNumber * BatchSize) + i);
            batch.Add(i % Streams, new EventData(
                new Guid(id, bigEndian: true),
                "BarClosed",
                _payloads.AsMemory(start, _ends[i] - start),
                new EventMetadata(runId, i, 0),
                1_400_000_000_000_000_000 + i));
            start = _ends[i];
        }
    }

    private static ulong RunHash(string runId)
    {
        ulong hash = 14695981039346656037;
        foreach (var c in runId)
        {
            hash = (hash ^ c) * 1099511628211;
        }

        return hash;
    }
}
