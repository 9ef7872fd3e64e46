namespace IctEngine.Ticks;

/// <summary>
/// Concatenates per-file readers, opening each only when the previous one is exhausted, so a folder of thousands of
/// hour files holds one open file at a time.
/// </summary>
internal sealed class TickFileSequence : ITickReader
{
    private readonly IReadOnlyList<Func<ITickReader>> _sources;
    private int _next;
    private ITickReader? _current;
    private long _badLinesOfClosed;

    public TickFileSequence(IReadOnlyList<Func<ITickReader>> sources)
    {
        _sources = sources;
    }

    public long BadLines => _badLinesOfClosed + (_current?.BadLines ?? 0);

    public string? CurrentFile => _current?.CurrentFile;

    /// <summary>Files (or zip entries) finished so far, for progress.</summary>
    public int SourcesDone => Math.Max(0, _next - (_current is null ? 0 : 1));

    public int SourceCount => _sources.Count;

    public int Read(Span<Tick> destination)
    {
        var n = 0;
        while (n < destination.Length)
        {
            if (_current is null)
            {
                if (_next == _sources.Count)
                {
                    break;
                }

                _current = _sources[_next++]();
            }

            var read = _current.Read(destination[n..]);
            if (read == 0)
            {
                _badLinesOfClosed += _current.BadLines;
                _current.Dispose();
                _current = null;
                continue;
            }

            n += read;
        }

        return n;
    }

    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
        _next = _sources.Count;
    }
}
