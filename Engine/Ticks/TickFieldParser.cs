using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>Allocation-free parsing of the fixed-width numeric fields of tick text formats (UTF-8 bytes).</summary>
internal static class TickFieldParser
{
    /// <summary>Parses exactly <paramref name="text"/>.Length ASCII digits; false on anything else.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            var d = (uint)(c - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }

    /// <summary>Nanoseconds from the Unix epoch to midnight of a proleptic Gregorian date; false when the date is invalid.</summary>
    public static bool TryDateToUnixNanos(int year, int month, int day, out long nanos)
    {
        nanos = 0;
        if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        nanos = DaysFromCivil(year, month, day) * Timestamp.NanosPerDay;
        return true;
    }

    /// <summary>Howard Hinnant's days_from_civil: days since 1970-01-01.</summary>
    public static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097L) + doe - 719468;
    }

    /// <summary>
    /// Parses <c>HH?mm?ss?fff</c> style times given the offsets of each part (3 digits of milliseconds start at
    /// <paramref name="fractionAt"/>). Returns nanoseconds since midnight.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryTimeOfDay(ReadOnlySpan<byte> text, int minuteAt, int secondAt, int fractionAt, out long nanos)
    {
        nanos = 0;
        if (text.Length < fractionAt + 3
            || !TryDigits(text[..2], out var h) || !TryDigits(text.Slice(minuteAt, 2), out var m)
            || !TryDigits(text.Slice(secondAt, 2), out var s) || !TryDigits(text.Slice(fractionAt, 3), out var ms)
            || h > 23 || m > 59 || s > 60)
        {
            return false;
        }

        nanos = (((((h * 60L) + m) * 60) + s) * Timestamp.NanosPerSecond) + (ms * Timestamp.NanosPerMillisecond);
        return true;
    }

    /// <summary>
    /// Parses a non-negative decimal number of milliseconds (<c>43</c>, <c>43.142</c>, up to 6 fractional digits)
    /// into nanoseconds: Lean's time field, fractional for OANDA XAUUSD.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMillisecondsToNanos(ReadOnlySpan<byte> text, out long nanos)
    {
        nanos = 0;
        long ms = 0;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var d = (uint)(text[i] - '0');
            if (d > 9)
            {
                break;
            }

            if (i >= 12)
            {
                return false;
            }

            ms = (ms * 10) + d;
        }

        if (i == 0)
        {
            return false;
        }

        long fraction = 0;
        var scale = Timestamp.NanosPerMillisecond;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.' || i == text.Length - 1)
            {
                return false;
            }

            for (i++; i < text.Length; i++)
            {
                var d = (uint)(text[i] - '0');
                if (d > 9 || scale == 1)
                {
                    return false;
                }

                scale /= 10;
                fraction += d * scale;
            }
        }

        nanos = (ms * Timestamp.NanosPerMillisecond) + fraction;
        return true;
    }

    /// <summary>A price field: <see cref="Price.TryParseUnits(ReadOnlySpan{byte}, int, out long)"/>, positive only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPrice(ReadOnlySpan<byte> text, int digits, out long units) =>
        Price.TryParseUnits(text, digits, out units);

    /// <summary>A volume field in <see cref="Tick.VolumeDigits"/> fixed point; an empty field is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryVolume(ReadOnlySpan<byte> text, out long units)
    {
        if (text.IsEmpty)
        {
            units = 0;
            return true;
        }

        return Price.TryParseUnits(text, Tick.VolumeDigits, out units) && units >= 0;
    }
}
