using System.Globalization;
using System.Runtime.CompilerServices;

namespace IctEngine.Core;

/// <summary>
/// An exact fixed-point price: an integer count of <c>10^-Digits</c> units. Instruments fix the number of digits
/// (EURUSD 5, USDJPY 3, XAUUSD 3), so on the hot path a price is just its <see cref="Units"/> as a <see cref="long"/>.
/// Binary floating point never touches a price.
/// </summary>
public readonly record struct Price(long Units, int Digits)
{
    /// <summary>Largest supported number of decimals; 10^18 still fits a long.</summary>
    public const int MaxDigits = 18;

    private static readonly long[] Pow10 = BuildPow10();

    public decimal ToDecimal() => Units / (decimal)Pow10[Digits];

    public static Price FromDecimal(decimal value, int digits)
    {
        ValidateDigits(digits);
        var scaled = value * Pow10[digits];
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{value} has more than {digits} decimals.", nameof(value));
        }

        return new Price((long)scaled, digits);
    }

    /// <summary>10^n for n in 0..18.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long PowerOfTen(int n) => Pow10[n];

    /// <summary>Rescales to another number of digits; throws when precision would be lost.</summary>
    public Price Rescale(int digits)
    {
        ValidateDigits(digits);
        if (digits >= Digits)
        {
            return new Price(checked(Units * Pow10[digits - Digits]), digits);
        }

        var div = Pow10[Digits - digits];
        if (Units % div != 0)
        {
            throw new ArgumentException($"{this} cannot be written with {digits} decimals without rounding.");
        }

        return new Price(Units / div, digits);
    }

    public override string ToString() => Format(Units, Digits);

    /// <summary>Formats units with exactly <paramref name="digits"/> decimals, invariant culture.</summary>
    public static string Format(long units, int digits)
    {
        Span<char> buffer = stackalloc char[32];
        var written = FormatTo(units, digits, buffer);
        return new string(buffer[..written]);
    }

    /// <summary>Writes units with exactly <paramref name="digits"/> decimals; returns chars written. No allocation.</summary>
    public static int FormatTo(long units, int digits, Span<char> destination)
    {
        ValidateDigits(digits);
        var negative = units < 0;
        var magnitude = negative ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        var pos = 0;
        if (negative)
        {
            destination[pos++] = '-';
        }

        var scale = (ulong)Pow10[digits];
        var intPart = magnitude / scale;
        var fracPart = magnitude % scale;
        intPart.TryFormat(destination[pos..], out var w, default, CultureInfo.InvariantCulture);
        pos += w;
        if (digits > 0)
        {
            destination[pos++] = '.';
            for (var i = digits - 1; i >= 0; i--)
            {
                destination[pos + i] = (char)('0' + (int)(fracPart % 10));
                fracPart /= 10;
            }

            pos += digits;
        }

        return pos;
    }

    /// <summary>Parses decimal text into a price with <paramref name="digits"/> decimals.</summary>
    /// <exception cref="FormatException">Not a number, or more significant decimals than the instrument has.</exception>
    public static Price Parse(string text, int digits)
    {
        if (!TryParseUnits(text.AsSpan(), digits, out var units))
        {
            throw new FormatException($"'{text}' is not a price with at most {digits} decimals.");
        }

        return new Price(units, digits);
    }

    /// <summary>
    /// Parses UTF-16 decimal text (<c>[-]digits[.digits]</c>) to units of 10^-digits. Extra decimals are accepted
    /// only when they are zeros (HistData writes 5-digit prices with 6 decimals). No allocation.
    /// </summary>
    public static bool TryParseUnits(ReadOnlySpan<char> text, int digits, out long units)
    {
        Span<byte> utf8 = stackalloc byte[40];
        if (text.Length > utf8.Length)
        {
            units = 0;
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 127)
            {
                units = 0;
                return false;
            }

            utf8[i] = (byte)c;
        }

        return TryParseUnits(utf8[..text.Length], digits, out units);
    }

    /// <summary>
    /// Parses UTF-8 decimal text (<c>[-|+]digits[.digits]</c>) to units of 10^-digits without allocating.
    /// Extra decimals beyond <paramref name="digits"/> must be zeros; anything else is rejected, never rounded.
    /// </summary>
    public static bool TryParseUnits(ReadOnlySpan<byte> utf8, int digits, out long units)
    {
        units = 0;
        if (utf8.IsEmpty || (uint)digits > MaxDigits)
        {
            return false;
        }

        var i = 0;
        var negative = false;
        if (utf8[0] == (byte)'-' || utf8[0] == (byte)'+')
        {
            negative = utf8[0] == (byte)'-';
            i = 1;
        }

        long value = 0;
        var sawDigit = false;
        for (; i < utf8.Length; i++)
        {
            var d = utf8[i] - (uint)'0';
            if (d > 9)
            {
                break;
            }

            if (value > (long.MaxValue - 9) / 10)
            {
                return false;
            }

            value = (value * 10) + d;
            sawDigit = true;
        }

        var fracDigits = 0;
        if (i < utf8.Length && utf8[i] == (byte)'.')
        {
            i++;
            for (; i < utf8.Length; i++)
            {
                var d = utf8[i] - (uint)'0';
                if (d > 9)
                {
                    return false;
                }

                sawDigit = true;
                if (fracDigits < digits)
                {
                    if (value > (long.MaxValue - 9) / 10)
                    {
                        return false;
                    }

                    value = (value * 10) + d;
                    fracDigits++;
                }
                else if (d != 0)
                {
                    return false;
                }
            }
        }

        if (i != utf8.Length || !sawDigit)
        {
            return false;
        }

        var remaining = digits - fracDigits;
        if (remaining > 0)
        {
            var mul = Pow10[remaining];
            if (value > long.MaxValue / mul)
            {
                return false;
            }

            value *= mul;
        }

        units = negative ? -value : value;
        return true;
    }

    private static void ValidateDigits(int digits)
    {
        if ((uint)digits > MaxDigits)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "Digits must be within 0..18.");
        }
    }

    private static long[] BuildPow10()
    {
        var p = new long[MaxDigits + 1];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++)
        {
            p[i] = p[i - 1] * 10;
        }

        return p;
    }
}
