using System.Runtime.CompilerServices;

namespace IctEngine.Core;

/// <summary>
/// A preallocated single-producer single-consumer queue of unmanaged structs. Stages use it to hand what they
/// decided for a ring slot to a later stage (decisions to the journal, signals to risk, orders to execution) in
/// slot order. The producer never overwrites unread entries: when full it spins until the consumer frees space,
/// which cannot deadlock because a consumer only waits for slots its producer has already released.
/// </summary>
/// <typeparam name="T">The entry type; unmanaged so that entries are copied, never referenced.</typeparam>
public sealed class SpscQueue<T>
    where T : unmanaged
{
    private readonly T[] _entries;
    private readonly int _mask;
    private PaddedLong _head; // next index to write (producer-owned)
    private PaddedLong _tail; // next index to read (consumer-owned)

    public SpscQueue(int capacity = 1 << 14)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentException("Capacity must be a power of two.", nameof(capacity));
        }

        _entries = new T[capacity];
        _mask = capacity - 1;

        // A queue that sees a few entries a minute would otherwise take hours to touch all its pages for the
        // first time, and the process's resident memory would creep up all that while.
        PagePrefault.Touch(_entries);
    }

    public int Capacity => _entries.Length;

    /// <summary>Entries written and not yet read.</summary>
    public long Count => Volatile.Read(ref _head.Value) - Volatile.Read(ref _tail.Value);

    /// <summary>Total entries ever written.</summary>
    public long Written => Volatile.Read(ref _head.Value);

    /// <summary>Claims the next entry, cleared; fill it, then call <see cref="Publish"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Claim()
    {
        var head = _head.Value;
        if (head - Volatile.Read(ref _tail.Value) >= _entries.Length)
        {
            WaitForSpace(head);
        }

        ref var entry = ref _entries[head & _mask];
        entry = default;
        return ref entry;
    }

    /// <summary>Makes the last claimed entry visible to the consumer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish() => Volatile.Write(ref _head.Value, _head.Value + 1);

    /// <summary>Appends a copy of <paramref name="entry"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(in T entry)
    {
        Claim() = entry;
        Publish();
    }

    /// <summary>Reads the next entry if one is available (consumer side).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out T entry)
    {
        var tail = _tail.Value;
        if (tail >= Volatile.Read(ref _head.Value))
        {
            entry = default;
            return false;
        }

        entry = _entries[tail & _mask];
        Volatile.Write(ref _tail.Value, tail + 1);
        return true;
    }

    /// <summary>Reads the next entry, spinning until the producer has published it (consumer side).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read()
    {
        if (TryRead(out var entry))
        {
            return entry;
        }

        return ReadSlow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private T ReadSlow()
    {
        var spinner = default(SpinWait);
        T entry;
        while (!TryRead(out entry))
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return entry;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForSpace(long head)
    {
        var spinner = default(SpinWait);
        while (head - Volatile.Read(ref _tail.Value) >= _entries.Length)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
