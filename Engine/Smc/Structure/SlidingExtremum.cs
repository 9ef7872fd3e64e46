using System.Numerics;
using System.Runtime.CompilerServices;

namespace IctEngine.Smc.Structure;

/// <summary>
/// The maximum (or minimum) of the values pushed for the last <c>window</c> indices, in O(1) amortised per push
/// instead of a scan of the window: a monotonic deque. An entry is dropped from the back as soon as a later push is at
/// least as extreme, because from then on it can never be the window's extremum again (the later value outlives it in
/// the window and is not worse); what remains is ordered oldest-and-most-extreme first, so the front is the
/// extremum once entries older than the window are dropped from the front. Each index enters and leaves once.
/// Indices must be pushed in increasing order; a gap counts as indices without values. No allocation after construction.
/// </summary>
internal sealed class SlidingExtremum
{
    private readonly long[] _indices;
    private readonly long[] _values;
    private readonly int _mask;
    private readonly int _window;
    private readonly bool _maximum;
    private long _head;
    private long _tail;

    /// <param name="window">Indices covered: the last push's index and the <c>window − 1</c> before it.</param>
    /// <param name="maximum">True for the maximum, false for the minimum.</param>
    public SlidingExtremum(int window, bool maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        _maximum = maximum;

        // A push can hold window + 1 entries for a moment (before the oldest leaves): a power of two above that.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)window + 1);
        _indices = new long[capacity];
        _values = new long[capacity];
        _mask = capacity - 1;
    }

    public int Window => _window;

    /// <summary>Whether nothing is in the window (before the first push, after <see cref="Clear"/>).</summary>
    public bool IsEmpty => _head == _tail;

    /// <summary>The extremum of the window; valid when not <see cref="IsEmpty"/>.</summary>
    public long Value
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _values[_head & _mask];
    }

    /// <summary>Adds <paramref name="value"/> at <paramref name="index"/> (above every earlier index) and slides the window to end there.</summary>
    public void Push(long index, long value)
    {
        if (_maximum)
        {
            while (_tail != _head && _values[(_tail - 1) & _mask] <= value)
            {
                _tail--;
            }
        }
        else
        {
            while (_tail != _head && _values[(_tail - 1) & _mask] >= value)
            {
                _tail--;
            }
        }

        _indices[_tail & _mask] = index;
        _values[_tail & _mask] = value;
        _tail++;

        // The pushed entry itself is never out of the window, so the loop stops at it at the latest.
        var oldest = index - _window + 1;
        while (_indices[_head & _mask] < oldest)
        {
            _head++;
        }
    }

    public void Clear() => _head = _tail = 0;
}
