using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Ring;

/// <summary>
/// Claims slots for exactly one producer thread without any atomic operation: the next sequence is a private
/// counter, and the gating minimum is cached, so the consumers' sequences are read only when the claim could lap
/// the slowest of them. Publishing is one release write of the cursor (plus a fence and a read for the blocking
/// strategy). Not thread-safe by design: use <see cref="MultiProducerSequencer"/> for several producers.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    private PaddedLong _next;
    private PaddedLong _cachedGating;

    public SingleProducerSequencer(int bufferSize, WaitStrategyKind producerWait = WaitStrategyKind.Yielding, WaitSignal? signal = null)
        : base(bufferSize, producerWait, signal)
    {
        _next.Value = Sequence.InitialValue;
        _cachedGating.Value = Sequence.InitialValue;
    }

    public override long Published => Cursor.Value;

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next()
    {
        var next = _next.Value + 1;
        if (next - BufferSize > _cachedGating.Value)
        {
            _cachedGating.Value = WaitForCapacity(next - BufferSize);
        }

        _next.Value = next;
        return next;
    }

    /// <summary>Claims <paramref name="count"/> consecutive slots and returns the highest; the lowest is that minus count-1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int count)
    {
        if ((uint)(count - 1) >= (uint)BufferSize)
        {
            ThrowBadBatch(count, BufferSize);
        }

        var next = _next.Value + count;
        if (next - BufferSize > _cachedGating.Value)
        {
            _cachedGating.Value = WaitForCapacity(next - BufferSize);
        }

        _next.Value = next;
        return next;
    }

    /// <summary>Claims the next slot if that needs no wait; false when the ring is full.</summary>
    public bool TryNext(out long sequence)
    {
        var next = _next.Value + 1;
        if (next - BufferSize > _cachedGating.Value)
        {
            var minimum = MinimumGatingSequence();
            _cachedGating.Value = minimum;
            if (next - BufferSize > minimum)
            {
                sequence = -1;
                return false;
            }
        }

        _next.Value = next;
        sequence = next;
        return true;
    }

    /// <summary>Makes every slot up to <paramref name="sequence"/> visible to consumers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        Cursor.Value = sequence;
        Signal?.Notify();
    }

    /// <summary>Publishes a batch claimed with <see cref="Next(int)"/>: one cursor write for the whole batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high) => Publish(high);
}
