namespace IctEngine.Smc.Structure;

/// <summary>
/// A fixed-capacity, insertion-ordered list of <see cref="Zone"/>s: no allocation after construction; when full the
/// oldest zone is forgotten (documented in docs/SMC.md as a capacity limit).
/// </summary>
public sealed class ZoneList
{
    private readonly Zone[] _items;

    public ZoneList(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new Zone[capacity];
    }

    public int Count { get; private set; }

    /// <summary>Zones forgotten because the list was full.</summary>
    public long Dropped { get; private set; }

    public ref Zone this[int i] => ref _items[i];

    public void Add(in Zone zone)
    {
        if (Count == _items.Length)
        {
            RemoveAt(0);
            Dropped++;
        }

        _items[Count++] = zone;
    }

    public void RemoveAt(int i)
    {
        Array.Copy(_items, i + 1, _items, i, Count - i - 1);
        Count--;
    }

    /// <summary>The most recent zone matching a direction created after <paramref name="minIndex"/>, or -1.</summary>
    public int FindLatest(int direction, long minIndex)
    {
        for (var i = Count - 1; i >= 0; i--)
        {
            ref readonly var z = ref _items[i];
            if (z.Direction == direction && z.Index > minIndex && !z.Mitigated)
            {
                return i;
            }
        }

        return -1;
    }
}
