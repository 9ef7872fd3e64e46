using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>HistData.com ASCII ticks: <c>yyyyMMdd HHmmssfff,bid,ask,volume</c>, no header, fixed UTC-5 by default.</summary>
internal sealed class HistDataTickReader : TextTickReader
{
    private readonly SourceTimeZone _zone;
    private int _lastDateKey = -1;
    private long _lastDateNs;

    public HistDataTickReader(Stream stream, string file, Instrument instrument, TickReaderOptions options, SourceTimeZone zone)
        : base(stream, file, instrument, options)
    {
        _zone = zone;
    }

    protected override LineResult ParseLine(ReadOnlySpan<byte> line, ref Tick tick)
    {
        var cursor = new Utf8FieldCursor(line, (byte)',');
        if (!cursor.Next(out var stamp) || stamp.Length != 18 || stamp[8] != (byte)' ')
        {
            return Bad("time", "not yyyyMMdd HHmmssfff");
        }

        if (!TickFieldParser.TryDigits(stamp[..8], out var dateKey))
        {
            return Bad("time", "the date is not yyyyMMdd");
        }

        if (dateKey != _lastDateKey)
        {
            if (!TickFieldParser.TryDateToUnixNanos(dateKey / 10000, dateKey / 100 % 100, dateKey % 100, out _lastDateNs))
            {
                return Bad("time", "not a valid date");
            }

            _lastDateKey = dateKey;
        }

        if (!TickFieldParser.TryTimeOfDay(stamp[9..], 2, 4, 6, out var timeOfDay) || stamp.Length != 18)
        {
            return Bad("time", "the time is not HHmmssfff");
        }

        if (!cursor.Next(out var bidText) || !TickFieldParser.TryPrice(bidText, Digits, out var bid))
        {
            return Bad("bid", "not a price with the instrument's digits");
        }

        if (!cursor.Next(out var askText) || !TickFieldParser.TryPrice(askText, Digits, out var ask))
        {
            return Bad("ask", "not a price with the instrument's digits");
        }

        long volume = 0;
        if (cursor.Next(out var volumeText) && !TickFieldParser.TryVolume(volumeText, out volume))
        {
            return Bad("volume", "not a non-negative number");
        }

        if (cursor.HasMore)
        {
            return Bad("line", "more than 4 fields");
        }

        tick.TimeNs = _zone.ToUtc(_lastDateNs + timeOfDay);
        tick.Bid = bid;
        tick.Ask = ask;
        tick.BidVolume = volume;
        tick.AskVolume = volume;
        tick.SymbolId = SymbolId;
        tick.Flags = TickFlags.Bid | TickFlags.Ask;
        return LineResult.Tick;
    }
}
