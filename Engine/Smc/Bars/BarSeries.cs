using System.Runtime.CompilerServices;

namespace IctEngine.Smc.Bars;

/// <summary>
/// The last <see cref="Capacity"/> closed bars of one symbol/timeframe in a fixed ring, addressed by absolute bar
/// index, so detectors can look back without any allocation after construction.
/// </summary>
public sealed class BarSeries
{
    private readonly Bar[] _bars;
    private readonly int _mask;

    public BarSeries(int capacity)
    {
        if (capacity < 4 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Bar series capacity must be a power of two >= 4.");
        }

        _bars = new Bar[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _bars.Length;

    /// <summary>Bars closed so far; the next bar gets this index.</summary>
    public long Count { get; private set; }

    /// <summary>Oldest index still held.</summary>
    public long FirstIndex => Math.Max(0, Count - _bars.Length);

    /// <summary>Index of the last closed bar (-1 when empty).</summary>
    public long LastIndex => Count - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Holds(long index) => index >= FirstIndex && index < Count;

    /// <summary>The bar at an absolute index; the caller checks <see cref="Holds"/>.</summary>
    public ref readonly Bar this[long index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _bars[index & _mask];
    }

    public ref readonly Bar Last => ref _bars[(Count - 1) & _mask];

    /// <summary>Appends a closed bar, stamping its <see cref="Bar.Index"/>; returns the stored copy.</summary>
    public ref readonly Bar Add(in Bar bar)
    {
        ref var slot = ref _bars[Count & _mask];
        slot = bar;
        slot.Index = Count;
        Count++;
        return ref slot;
    }
}
