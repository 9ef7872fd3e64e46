using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>
/// One Lean tick CSV (<c>ms_since_midnight,bid,ask</c>, no header), usually the single entry of a daily zip. The
/// date comes from the file name; the milliseconds may carry a fraction (OANDA XAUUSD), kept to the nanosecond.
/// </summary>
internal sealed class LeanTickReader : TextTickReader
{
    private readonly long _dayLocalNs;
    private readonly SourceTimeZone _zone;

    public LeanTickReader(Stream stream, string file, Instrument instrument, TickReaderOptions options, long dayLocalNs,
        SourceTimeZone zone, IDisposable? owner = null)
        : base(stream, file, instrument, options, owner)
    {
        _dayLocalNs = dayLocalNs;
        _zone = zone;
    }

    protected override LineResult ParseLine(ReadOnlySpan<byte> line, ref Tick tick)
    {
        var cursor = new Utf8FieldCursor(line, (byte)',');
        if (!cursor.Next(out var time) || !TickFieldParser.TryMillisecondsToNanos(time, out var ns))
        {
            return Bad("time", "not milliseconds since midnight");
        }

        if (ns >= Timestamp.NanosPerDay)
        {
            return Bad("time", "beyond the end of the day");
        }

        if (!cursor.Next(out var bidText) || !TickFieldParser.TryPrice(bidText, Digits, out var bid))
        {
            return Bad("bid", "not a price with the instrument's digits");
        }

        if (!cursor.Next(out var askText) || !TickFieldParser.TryPrice(askText, Digits, out var ask))
        {
            return Bad("ask", "not a price with the instrument's digits");
        }

        if (cursor.HasMore)
        {
            return Bad("line", "more than 3 fields (a Lean bar file, not ticks?)");
        }

        tick.TimeNs = _zone.ToUtc(_dayLocalNs + ns);
        tick.Bid = bid;
        tick.Ask = ask;
        tick.BidVolume = 0;
        tick.AskVolume = 0;
        tick.SymbolId = SymbolId;
        tick.Flags = TickFlags.Bid | TickFlags.Ask;
        return LineResult.Tick;
    }
}
