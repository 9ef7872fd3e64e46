using System.Buffers.Text;
using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>
/// Writes ticks as CSV <c>utc_time,bid,ask,bid_volume,ask_volume</c> with the time as
/// <c>yyyy-MM-dd HH:mm:ss.fff</c>, prices with the instrument's digits and volumes with up to 6 decimals (trailing
/// zeros dropped, at least one decimal: <c>1.5</c>, <c>2.0</c>). Formatted into UTF-8 bytes, no per-tick strings.
/// </summary>
public sealed class TickCsvWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly int _digits;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;
    private long _cachedDay = long.MinValue;
    private readonly byte[] _dateText = new byte[11];

    public TickCsvWriter(Stream stream, Instrument instrument, bool header = true)
    {
        _stream = stream;
        _digits = instrument.Digits;
        if (header)
        {
            Append("utc_time,bid,ask,bid_volume,ask_volume\n"u8);
        }
    }

    public void Write(in Tick tick)
    {
        if (_buffer.Length - _used < 128)
        {
            FlushBuffer();
        }

        var span = _buffer.AsSpan(_used);
        var p = WriteTime(span, tick.TimeNs);
        span[p++] = (byte)',';
        p += WritePrice(span[p..], tick.Bid, _digits);
        span[p++] = (byte)',';
        p += WritePrice(span[p..], tick.Ask, _digits);
        span[p++] = (byte)',';
        p += WriteVolume(span[p..], tick.BidVolume);
        span[p++] = (byte)',';
        p += WriteVolume(span[p..], tick.AskVolume);
        span[p++] = (byte)'\n';
        _used += p;
    }

    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    private int WriteTime(Span<byte> span, long timeNs)
    {
        var ms = timeNs >= 0 ? timeNs / Timestamp.NanosPerMillisecond : ((timeNs + 1) / Timestamp.NanosPerMillisecond) - 1;
        var day = ms >= 0 ? ms / 86_400_000 : ((ms + 1) / 86_400_000) - 1;
        if (day != _cachedDay)
        {
            _cachedDay = day;
            var date = new Timestamp(day * Timestamp.NanosPerDay).ToDateTime();
            Two(_dateText.AsSpan(0), date.Year / 100);
            Two(_dateText.AsSpan(2), date.Year % 100);
            _dateText[4] = (byte)'-';
            Two(_dateText.AsSpan(5), date.Month);
            _dateText[7] = (byte)'-';
            Two(_dateText.AsSpan(8), date.Day);
            _dateText[10] = (byte)' ';
        }

        _dateText.CopyTo(span);
        var inDay = ms - (day * 86_400_000);
        Two(span[11..], (int)(inDay / 3_600_000));
        span[13] = (byte)':';
        Two(span[14..], (int)(inDay / 60_000 % 60));
        span[16] = (byte)':';
        Two(span[17..], (int)(inDay / 1000 % 60));
        span[19] = (byte)'.';
        var milli = (int)(inDay % 1000);
        span[20] = (byte)('0' + (milli / 100));
        Two(span[21..], milli % 100);
        return 23;
    }

    private static void Two(Span<byte> span, int value)
    {
        span[0] = (byte)('0' + (value / 10));
        span[1] = (byte)('0' + (value % 10));
    }

    private static int WritePrice(Span<byte> span, long units, int digits)
    {
        Span<char> chars = stackalloc char[32];
        var n = Price.FormatTo(units, digits, chars);
        for (var i = 0; i < n; i++)
        {
            span[i] = (byte)chars[i];
        }

        return n;
    }

    private static int WriteVolume(Span<byte> span, long micros)
    {
        var whole = micros / 1_000_000;
        var fraction = micros % 1_000_000;
        Utf8Formatter.TryFormat(whole, span, out var p);
        span[p++] = (byte)'.';
        if (fraction == 0)
        {
            span[p++] = (byte)'0';
            return p;
        }

        var divisor = 100_000L;
        while (fraction > 0)
        {
            span[p++] = (byte)('0' + (fraction / divisor));
            fraction %= divisor;
            divisor /= 10;
        }

        return p;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    private void FlushBuffer()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        Flush();
        _stream.Dispose();
    }
}
