using System.Globalization;
using System.Text;

namespace IctEngine.Smc.Reference;

/// <summary>
/// Prints numbers like numpy's scalar <c>str</c> (what pandas <c>to_csv</c> uses for float columns): the shortest
/// digits that round-trip the value in its own precision, positional when 1e-4 &lt;= |x| &lt; 1e16 or x is 0
/// (always with a fractional part, <c>1.0</c>), otherwise scientific with a two-digit exponent (<c>1e-05</c>).
/// </summary>
internal static class NumpyNumberFormat
{
    public static string Format(double value, ReferenceColumnType type)
    {
        if (type == ReferenceColumnType.Int32)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        if (double.IsNaN(value))
        {
            return string.Empty;
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        var shortest = type == ReferenceColumnType.Float32
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        Decompose(negative ? shortest[1..] : shortest, out var digits, out var pointPosition);
        var abs = Math.Abs(value);
        var positional = value == 0 || (abs >= 1e-4 && abs < 1e16);
        var text = new StringBuilder(24);
        if (negative)
        {
            text.Append('-');
        }

        if (positional)
        {
            if (pointPosition <= 0)
            {
                text.Append("0.").Append('0', -pointPosition).Append(digits);
            }
            else if (pointPosition >= digits.Length)
            {
                text.Append(digits).Append('0', pointPosition - digits.Length).Append(".0");
            }
            else
            {
                text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            var exponent = pointPosition - 1;
            text.Append('e').Append(exponent < 0 ? '-' : '+')
                .Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>Splits .NET's shortest text into significant digits and the point position (value = 0.DIGITS × 10^pos).</summary>
    private static void Decompose(string text, out string digits, out int pointPosition)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integerPart = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        var all = integerPart + fraction;
        var point = integerPart.Length + exponent;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }

        all = all[lead..];
        point -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            all = "0";
            point = 1;
        }

        digits = all;
        pointPosition = point;
    }
}
