namespace IctEngine.Ticks;

/// <summary>How tick files are read: time zone of the source's clock and what to do with malformed lines.</summary>
public sealed class TickReaderOptions
{
    public static TickReaderOptions Default { get; } = new();

    /// <summary>
    /// Time zone of the timestamps in text files: an IANA id (<c>Europe/Athens</c>), a fixed offset (<c>+02:00</c>,
    /// <c>UTC-5</c>) or <c>UTC</c>. Null means the format's own default: UTC for MT5 and OANDA Lean data, fixed UTC-5
    /// for HistData and for Lean data whose path mentions <c>fxcm</c>. Dukascopy and native files are always UTC.
    /// </summary>
    public string? TimeZone { get; init; }

    /// <summary>Count malformed lines in <see cref="ITickReader.BadLines"/> and go on, instead of throwing.</summary>
    public bool SkipBadLines { get; init; }

    /// <summary>Bytes of each read from a text file.</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
