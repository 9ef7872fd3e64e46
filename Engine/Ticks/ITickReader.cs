namespace IctEngine.Ticks;

/// <summary>
/// A streaming source of ticks in batches: <see cref="Read"/> fills a caller-owned span, so a replay loop reads
/// millions of ticks without allocating. Ticks come in file order; times are UTC nanoseconds.
/// </summary>
public interface ITickReader : IDisposable
{
    /// <summary>Fills <paramref name="destination"/> from the start; returns how many ticks were written, 0 at the end.</summary>
    int Read(Span<Tick> destination);

    /// <summary>Malformed lines skipped so far (only with <see cref="TickReaderOptions.SkipBadLines"/>).</summary>
    long BadLines { get; }

    /// <summary>The file being read (for progress and messages); null before the first read and after the end.</summary>
    string? CurrentFile { get; }
}
