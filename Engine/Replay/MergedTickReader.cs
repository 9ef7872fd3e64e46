using IctEngine.Ticks;

namespace IctEngine.Replay;

/// <summary>
/// Merges several tick readers (one per symbol) into one stream in time order; ties go to the earlier reader,
/// so the merged order is deterministic. With one reader it is a pass-through.
/// </summary>
public sealed class MergedTickReader : ITickReader
{
    private readonly ITickReader[] _readers;
    private readonly Tick[][] _buffers;
    private readonly int[] _positions;
    private readonly int[] _counts;

    public MergedTickReader(IReadOnlyList<ITickReader> readers, int bufferSize = 4096)
    {
        _readers = [.. readers];
        _buffers = new Tick[_readers.Length][];
        _positions = new int[_readers.Length];
        _counts = new int[_readers.Length];
        for (var i = 0; i < _readers.Length; i++)
        {
            _buffers[i] = new Tick[bufferSize];
        }
    }

    public long BadLines
    {
        get
        {
            long total = 0;
            foreach (var reader in _readers)
            {
                total += reader.BadLines;
            }

            return total;
        }
    }

    public string? CurrentFile => _readers.Length > 0 ? _readers[0].CurrentFile : null;

    public int Read(Span<Tick> destination)
    {
        if (_readers.Length == 1)
        {
            return _readers[0].Read(destination);
        }

        var written = 0;
        while (written < destination.Length)
        {
            var best = -1;
            long bestTime = long.MaxValue;
            for (var i = 0; i < _readers.Length; i++)
            {
                if (_positions[i] == _counts[i] && !Refill(i))
                {
                    continue;
                }

                var t = _buffers[i][_positions[i]].TimeNs;
                if (t < bestTime)
                {
                    bestTime = t;
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            destination[written++] = _buffers[best][_positions[best]++];
        }

        return written;
    }

    public void Dispose()
    {
        foreach (var reader in _readers)
        {
            reader.Dispose();
        }
    }

    private bool Refill(int i)
    {
        if (_counts[i] < 0)
        {
            return false;
        }

        var n = _readers[i].Read(_buffers[i]);
        _positions[i] = 0;
        _counts[i] = n;
        if (n == 0)
        {
            _counts[i] = -1;
            _positions[i] = -1;
            return false;
        }

        return true;
    }
}
