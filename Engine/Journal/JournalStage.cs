using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Journal;

/// <summary>
/// The last stage on the ring. For each slot it reads exactly <c>Decisions[k]</c> decisions from stage k's queue,
/// in <see cref="PipelineStage"/> order, which gives one deterministic decision stream per run whatever the
/// threading; each decision is encoded once (<see cref="DecisionCodec"/>), fed to the run's
/// <see cref="DecisionHasher"/> and, when a writer is given, into the journal's batch buffer; the batch is handed
/// to the <see cref="JournalWriter"/> on <c>endOfBatch</c> (group commit). Allocation-free per slot.
/// A journal fault surfaces as <see cref="JournalFaultException"/> thrown from <see cref="OnEvent"/> (the pipeline
/// halts) and in <see cref="Fault"/>.
/// </summary>
public sealed class JournalStage : IEventHandler<EngineEvent>
{
    private const int StageCount = 4;

    private readonly SpscQueue<Decision>[] _queues;
    private readonly JournalWriter? _writer;
    private readonly DecisionHasher _hasher;
    private readonly byte[] _scratch = new byte[DecisionCodec.MaxEncodedSize];

    /// <param name="queues">The decision queues of the four stages, indexed by <see cref="PipelineStage"/>.</param>
    /// <param name="writer">Where decisions go; null to only hash them (a dry run).</param>
    /// <param name="hasher">The run's hasher; owned by the caller, who reads <see cref="DecisionHasher.ToHex"/> at the end.</param>
    public JournalStage(SpscQueue<Decision>[] queues, JournalWriter? writer, DecisionHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(hasher);
        if (queues.Length != StageCount)
        {
            throw new ArgumentException($"Expected {StageCount} decision queues (one per PipelineStage), got {queues.Length}.", nameof(queues));
        }

        for (var k = 0; k < StageCount; k++)
        {
            if (queues[k] is null)
            {
                throw new ArgumentException($"The decision queue of {(PipelineStage)k} is missing.", nameof(queues));
            }
        }

        _queues = queues;
        _writer = writer;
        _hasher = hasher;
    }

    /// <summary>Decisions journaled (hashed and, with a writer, buffered) so far.</summary>
    public long Count => _hasher.Count;

    /// <summary>Decisions the store acknowledged (0 without a writer).</summary>
    public long Appended => _writer?.Appended ?? 0;

    /// <summary>Journal lag: decisions handed to the writer and not yet acknowledged.</summary>
    public long Backlog => _writer?.Backlog ?? 0;

    /// <summary>The writer's fault, if any.</summary>
    public Exception? Fault => _writer?.Fault;

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        for (var k = 0; k < StageCount; k++)
        {
            var n = data.Decisions[k];
            if (n == 0)
            {
                continue;
            }

            var queue = _queues[k];
            for (var i = 0; i < n; i++)
            {
                var decision = queue.Read();
                Journal(decision);
            }
        }

        if (endOfBatch)
        {
            _writer?.Commit();
        }
    }

    /// <summary>Hands over what is buffered and waits until the store acknowledged it (stage thread, or after it stopped).</summary>
    public void Flush() => _writer?.Flush();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Journal(in Decision decision)
    {
        if (_writer is not null)
        {
            _hasher.AppendEncoded(_writer.Add(decision));
            return;
        }

        var length = DecisionCodec.Encode(decision, _scratch);
        _hasher.AppendEncoded(new ReadOnlySpan<byte>(_scratch, 0, length));
    }
}
