using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// Folds a sequence of (event id, position) into <see cref="EventIdRange"/>s: the journal writer's ids are a run hash
/// followed by the run's sequence number, so a batch's ids collapse into one range and the SQLite store keeps one
/// row per range where a unique index kept one entry per event. Ids that do not follow each other (random GUIDs)
/// degrade gracefully to one range each. Reused across appends.
/// </summary>
internal sealed class EventIdRangeBuilder
{
    private EventIdRange[] _done = new EventIdRange[16];
    private EventIdRange _open;
    private bool _isOpen;

    public int Count { get; private set; }

    public ref readonly EventIdRange this[int index] => ref _done[index];

    /// <summary>The 8-byte halves of an id as the store keys it (big-endian, as signed 64-bit integers).</summary>
    public static (long High, long Low) Split(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }

    public void Reset()
    {
        _isOpen = false;
        Count = 0;
    }

    /// <summary>Forgets the completed ranges (after they were written), keeping the open one.</summary>
    public void ClearCompleted() => Count = 0;

    public void Add(Guid id, long position, int index)
    {
        var (high, low) = Split(id);
        if (_isOpen)
        {
            if (high == _open.High && _open.LowLast != long.MaxValue && low == _open.LowLast + 1
                && position == _open.FirstPosition + (low - _open.LowFirst))
            {
                _open.LowLast = low;
                return;
            }

            Complete();
        }

        _open = new EventIdRange(high, low, low, position, index);
        _isOpen = true;
    }

    public void Finish()
    {
        if (_isOpen)
        {
            Complete();
            _isOpen = false;
        }
    }

    private void Complete()
    {
        if (Count == _done.Length)
        {
            Array.Resize(ref _done, _done.Length * 2);
        }

        _done[Count++] = _open;
    }
}
