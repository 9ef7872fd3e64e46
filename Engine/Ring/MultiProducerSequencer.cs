using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using IctEngine.Core;

namespace IctEngine.Ring;

/// <summary>
/// Claims slots for any number of producer threads (bridge feed, broker reports, timers): a claim is one atomic
/// add on the cursor, and because claims complete out of order, each slot records the lap in which it was
/// published (the availability buffer); consumers read up to the first slot not yet published.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    private readonly int[] _available;
    private readonly int _mask;
    private readonly int _shift;
    private PaddedLong _cachedGating;

    public MultiProducerSequencer(int bufferSize, WaitStrategyKind producerWait = WaitStrategyKind.Yielding, WaitSignal? signal = null)
        : base(bufferSize, producerWait, signal)
    {
        _available = new int[bufferSize];
        _available.AsSpan().Fill(-1);
        _mask = bufferSize - 1;
        _shift = System.Numerics.BitOperations.Log2((uint)bufferSize);
        _cachedGating.Value = Sequence.InitialValue;
    }

    public override long Published => HighestPublished(MinimumGatingSequence() + 1, Cursor.Value);

    /// <summary>Claims the next slot, waiting while the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => Next(1);

    /// <summary>Claims <paramref name="count"/> consecutive slots and returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int count)
    {
        if ((uint)(count - 1) >= (uint)BufferSize)
        {
            ThrowBadBatch(count, BufferSize);
        }

        var next = Cursor.AddAndGet(count);
        var wrapPoint = next - BufferSize;
        if (wrapPoint > Volatile.Read(ref _cachedGating.Value))
        {
            Volatile.Write(ref _cachedGating.Value, WaitForCapacity(wrapPoint));
        }

        return next;
    }

    /// <summary>Publishes one claimed slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        SetAvailable(sequence);
        Signal?.Notify();
    }

    /// <summary>Publishes the claimed slots <paramref name="low"/>..<paramref name="high"/>; one notification.</summary>
    public void Publish(long low, long high)
    {
        for (var s = low; s <= high; s++)
        {
            SetAvailable(s);
        }

        Signal?.Notify();
    }

    /// <summary>True when <paramref name="sequence"/> is published (in its current lap).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsAvailable(long sequence) =>
        Volatile.Read(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_available), (nint)(sequence & _mask)))
        == (int)(sequence >> _shift);

    /// <summary>The highest sequence in <paramref name="low"/>..<paramref name="available"/> below which all are published.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long HighestPublished(long low, long available)
    {
        for (var s = low; s <= available; s++)
        {
            if (!IsAvailable(s))
            {
                return s - 1;
            }
        }

        return available;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence) =>
        Volatile.Write(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_available), (nint)(sequence & _mask)),
            (int)(sequence >> _shift));
}
