using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>
/// MetaTrader 5 "Export ticks": tab-separated <c>&lt;DATE&gt; &lt;TIME&gt; &lt;BID&gt; &lt;ASK&gt; &lt;LAST&gt; &lt;VOLUME&gt; &lt;FLAGS&gt;</c>,
/// <c>yyyy.MM.dd</c> and <c>HH:mm:ss.fff</c> in broker server time. A cell the tick did not change may be empty:
/// bid and ask carry forward. VOLUME (the last deal's volume) goes to both volume fields; LAST is not kept.
/// </summary>
internal sealed class Mt5TickReader : TextTickReader
{
    private readonly SourceTimeZone _zone;
    private long _bid = -1;
    private long _ask = -1;
    private bool _firstLine = true;

    public Mt5TickReader(Stream stream, string file, Instrument instrument, TickReaderOptions options, SourceTimeZone zone)
        : base(stream, file, instrument, options)
    {
        _zone = zone;
    }

    protected override LineResult ParseLine(ReadOnlySpan<byte> line, ref Tick tick)
    {
        if (_firstLine)
        {
            _firstLine = false;
            if (line[0] == (byte)'<')
            {
                return LineResult.Skip;
            }
        }

        var cursor = new Utf8FieldCursor(line, (byte)'\t');
        if (!cursor.Next(out var date) || date.Length != 10 || date[4] != (byte)'.' || date[7] != (byte)'.'
            || !TickFieldParser.TryDigits(date[..4], out var y) || !TickFieldParser.TryDigits(date.Slice(5, 2), out var mo)
            || !TickFieldParser.TryDigits(date.Slice(8, 2), out var d) || !TickFieldParser.TryDateToUnixNanos(y, mo, d, out var dayNs))
        {
            return Bad("DATE", "not a yyyy.MM.dd date");
        }

        if (!cursor.Next(out var time) || time.Length != 12 || time[2] != (byte)':' || time[5] != (byte)':' || time[8] != (byte)'.'
            || !TickFieldParser.TryTimeOfDay(time, 3, 6, 9, out var timeOfDay))
        {
            return Bad("TIME", "not a HH:mm:ss.fff time");
        }

        if (!cursor.Next(out var bidText))
        {
            return Bad("BID", "missing");
        }

        var flags = TickFlags.None;
        if (!bidText.IsEmpty)
        {
            if (!TickFieldParser.TryPrice(bidText, Digits, out var bid))
            {
                return Bad("BID", "not a price with the instrument's digits");
            }

            _bid = bid;

            flags |= TickFlags.Bid;
        }

        if (!cursor.Next(out var askText))
        {
            return Bad("ASK", "missing");
        }

        if (!askText.IsEmpty)
        {
            if (!TickFieldParser.TryPrice(askText, Digits, out var ask))
            {
                return Bad("ASK", "not a price with the instrument's digits");
            }

            _ask = ask;

            flags |= TickFlags.Ask;
        }

        if (_bid < 0 || _ask < 0)
        {
            return Bad(_bid < 0 ? "BID" : "ASK", "empty and no earlier value to carry forward");
        }

        long volume = 0;
        if (cursor.Next(out var last) && !last.IsEmpty)
        {
            flags |= TickFlags.Last;
            if (!Price.TryParseUnits(last, Digits, out _))
            {
                return Bad("LAST", "not a number");
            }
        }

        if (cursor.Next(out var volumeText) && !TickFieldParser.TryVolume(volumeText, out volume))
        {
            return Bad("VOLUME", "not a non-negative number");
        }

        if (cursor.Next(out var flagsText) && !flagsText.IsEmpty)
        {
            if (!TickFieldParser.TryDigits(flagsText, out var f) || f > 127)
            {
                return Bad("FLAGS", "not an MT5 tick flag mask (0..127)");
            }

            flags = (TickFlags)f;
        }

        if (cursor.HasMore)
        {
            return Bad("line", "more than 7 fields");
        }

        tick.TimeNs = _zone.ToUtc(dayNs + timeOfDay);
        tick.Bid = _bid;
        tick.Ask = _ask;
        tick.BidVolume = volume;
        tick.AskVolume = volume;
        tick.SymbolId = SymbolId;
        tick.Flags = flags;
        return LineResult.Tick;
    }
}
