using System.Runtime.CompilerServices;
namespace IctEngine.Ring;

/// <summary>
/// What both sequencers share: the cursor, the gating sequences (the last consumers, which the producer must never
/// lap) and the slow path that waits for free slots (backpressure: the producer waits, it never overwrites). The
/// hot paths live in the sealed subclasses and are called non-virtually.
/// </summary>
public abstract class Sequencer
{
    private readonly WaitStrategyKind _producerWait;
    private Sequence[] _gating = [];
    private volatile string? _abortReason;

    protected Sequencer(int bufferSize, WaitStrategyKind producerWait, WaitSignal? signal)
    {
        if (bufferSize < 2 || (bufferSize & (bufferSize - 1)) != 0)
        {
            throw new ArgumentException($"Buffer size must be a power of two >= 2 (got {bufferSize}).", nameof(bufferSize));
        }

        if (producerWait == WaitStrategyKind.Blocking && signal is null)
        {
            throw new ArgumentException("The blocking strategy needs a wait signal.", nameof(signal));
        }

        BufferSize = bufferSize;
        _producerWait = producerWait;
        Signal = signal;
    }

    /// <summary>Number of slots in the ring.</summary>
    public int BufferSize { get; }

    /// <summary>
    /// The producer side's cursor. Single producer: the highest published sequence. Multi producer: the highest
    /// claimed sequence (published slots are tracked per slot).
    /// </summary>
    public Sequence Cursor { get; } = new();

    /// <summary>Non-null for the blocking strategy: publishers notify it.</summary>
    protected WaitSignal? Signal { get; }

    /// <summary>The highest sequence below which every slot is published.</summary>
    public abstract long Published { get; }

    /// <summary>Sets the sequences the producer must not lap (the last consumer group's). Call before publishing.</summary>
    public void SetGatingSequences(params Sequence[] gating) => _gating = gating ?? throw new ArgumentNullException(nameof(gating));

    /// <summary>The smallest gating sequence: how far the slowest last consumer has got.</summary>
    public long MinimumGatingSequence() => Sequence.Minimum(_gating, Cursor.Value);

    /// <summary>Slots published and not yet released by the last consumers.</summary>
    public long Occupancy => Math.Max(0, Published - MinimumGatingSequence());

    /// <summary>
    /// Makes producers that are waiting (or later wait) for free slots throw instead of waiting forever: used when
    /// the pipeline halted on a fault, so that a feed thread cannot hang on a ring nobody drains.
    /// </summary>
    internal void Abort(string reason) => _abortReason = reason;

    internal void ClearAbort() => _abortReason = null;

    /// <summary>
    /// Waits until the gating sequences reach <paramref name="wrapPoint"/> (the slot about to be claimed is free)
    /// and returns the gating minimum seen.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    protected long WaitForCapacity(long wrapPoint) => _producerWait switch
    {
        WaitStrategyKind.BusySpin => WaitForCapacity(wrapPoint, default(BusySpinWaitStrategy)),
        WaitStrategyKind.Yielding => WaitForCapacity(wrapPoint, default(YieldingWaitStrategy)),
        WaitStrategyKind.Sleeping => WaitForCapacity(wrapPoint, default(SleepingWaitStrategy)),
        _ => WaitForCapacity(wrapPoint, new BlockingWaitStrategy(Signal!)),
    };

    private long WaitForCapacity<TWait>(long wrapPoint, TWait wait)
        where TWait : struct, IWaitStrategy
    {
        var condition = new CapacityCondition(this, wrapPoint);
        var attempt = 0;
        while (true)
        {
            var minimum = Sequence.Minimum(_gating, long.MaxValue);
            if (minimum >= wrapPoint)
            {
                return minimum;
            }

            if (_abortReason is { } reason)
            {
                ThrowAborted(reason);
            }

            wait.Idle(ref attempt, ref condition);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAborted(string reason) =>
        throw new InvalidOperationException($"The ring is full and its consumers were halted: {reason}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    protected static void ThrowBadBatch(int count, int bufferSize) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"A claim must be 1..{bufferSize} slots.");

    private readonly struct CapacityCondition(Sequencer sequencer, long wrapPoint) : IWaitCondition
    {
        public bool IsSatisfied =>
            sequencer._abortReason is not null || Sequence.Minimum(sequencer._gating, long.MaxValue) >= wrapPoint;
    }
}
