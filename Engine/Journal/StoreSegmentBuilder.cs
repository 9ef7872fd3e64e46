namespace IctEngine.Journal;

/// <summary>
/// Cuts the events of an append (or, in a migration, of a whole store, in position order) into
/// <see cref="StoreSegment"/>s per key: the SQLite store indexes streams and runs by segment, one row per segment
/// instead of one index entry per event. A key's open segment grows while its next event follows within
/// <see cref="MaxGap"/> positions and the segment spans fewer than <see cref="MaxSpan"/>; a larger gap bounds what a
/// stream read scans per event it returns, the span what a read starting inside a segment scans before its first event.
/// Reused across appends: no allocation once the arrays have grown to the batch's shape.
/// </summary>
internal sealed class StoreSegmentBuilder
{
    /// <summary>
    /// Largest position step inside a segment (1 = adjacent): ≤ 127 foreign rows scanned per event read. Above the ~100
    /// positions between one symbol's events in a 100-symbol replay, which would otherwise cost a segment row per event.
    /// </summary>
    public const long MaxGap = 128;

    /// <summary>
    /// Positions one segment may span: a read that starts at a version inside a segment scans from the segment's
    /// start (a migrated store had one segment per stream, and paging through it rescanned it from the start).
    /// </summary>
    public const long MaxSpan = 1024;

    private StoreSegment[] _open = new StoreSegment[16];
    private bool[] _isOpen = new bool[16];
    private StoreSegment[] _done = new StoreSegment[64];
    private int _keys;

    public int Count { get; private set; }

    public ref readonly StoreSegment this[int index] => ref _done[index];

    /// <summary>Starts over with no open segment and nothing completed.</summary>
    public void Reset()
    {
        Array.Clear(_isOpen, 0, _keys);
        _keys = 0;
        Count = 0;
    }

    /// <summary>Forgets the completed segments (after they were written), keeping the open ones.</summary>
    public void ClearCompleted() => Count = 0;

    /// <summary>Adds a run's event: no versions, only positions (the segment's versions count its events).</summary>
    public void Add(int key, long position) =>
        Add(key, position, key < _keys && _isOpen[key] ? _open[key].LastVersion + 1 : 0);

    /// <summary>Adds a stream's event; a version that does not follow the open segment's last one starts a new segment.</summary>
    public void Add(int key, long position, long version)
    {
        if (key >= _keys)
        {
            GrowKeys(key + 1);
        }

        ref var open = ref _open[key];
        if (_isOpen[key])
        {
            if (position - open.LastPosition <= MaxGap && position - open.FirstPosition < MaxSpan && version == open.LastVersion + 1)
            {
                open.LastPosition = position;
                open.LastVersion = version;
                return;
            }

            Complete(open);
        }

        open = new StoreSegment(key, version, version, position, position);
        _isOpen[key] = true;
    }

    /// <summary>Completes every open segment.</summary>
    public void Finish()
    {
        for (var key = 0; key < _keys; key++)
        {
            if (_isOpen[key])
            {
                Complete(_open[key]);
                _isOpen[key] = false;
            }
        }
    }

    private void Complete(in StoreSegment segment)
    {
        if (Count == _done.Length)
        {
            Array.Resize(ref _done, _done.Length * 2);
        }

        _done[Count++] = segment;
    }

    private void GrowKeys(int keys)
    {
        if (keys > _open.Length)
        {
            var length = Math.Max(keys, _open.Length * 2);
            Array.Resize(ref _open, length);
            Array.Resize(ref _isOpen, length);
        }

        _keys = keys;
    }
}
