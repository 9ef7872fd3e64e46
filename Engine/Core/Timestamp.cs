using System.Globalization;

namespace IctEngine.Core;

/// <summary>
/// A UTC instant as nanoseconds since the Unix epoch. The engine carries raw <see cref="long"/> nanoseconds
/// on the hot path; this type is the typed view for parsing, formatting and arithmetic off it.
/// </summary>
public readonly record struct Timestamp(long UnixNanoseconds) : IComparable<Timestamp>
{
    public const long NanosPerMicrosecond = 1_000L;
    public const long NanosPerMillisecond = 1_000_000L;
    public const long NanosPerSecond = 1_000_000_000L;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerHour = 60 * NanosPerMinute;
    public const long NanosPerDay = 24 * NanosPerHour;

    // DateTime ticks are 100 ns; the Unix epoch in DateTime ticks.
    private const long UnixEpochTicks = 621_355_968_000_000_000L;

    public static Timestamp Zero => default;

    public static Timestamp FromUnixMilliseconds(long ms) => new(ms * NanosPerMillisecond);

    public static Timestamp FromDateTime(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Timestamps are UTC; a local DateTime is ambiguous.", nameof(utc));
        }

        return new((utc.Ticks - UnixEpochTicks) * 100);
    }

    public static Timestamp FromDateTimeOffset(DateTimeOffset value) => FromDateTime(value.UtcDateTime);

    public DateTime ToDateTime() => new(UnixEpochTicks + (UnixNanoseconds / 100), DateTimeKind.Utc);

    public long UnixMilliseconds => UnixNanoseconds >= 0
        ? UnixNanoseconds / NanosPerMillisecond
        : ((UnixNanoseconds + 1) / NanosPerMillisecond) - 1;

    public Timestamp AddNanoseconds(long nanos) => new(UnixNanoseconds + nanos);

    public int CompareTo(Timestamp other) => UnixNanoseconds.CompareTo(other.UnixNanoseconds);

    public static bool operator <(Timestamp a, Timestamp b) => a.UnixNanoseconds < b.UnixNanoseconds;
    public static bool operator >(Timestamp a, Timestamp b) => a.UnixNanoseconds > b.UnixNanoseconds;
    public static bool operator <=(Timestamp a, Timestamp b) => a.UnixNanoseconds <= b.UnixNanoseconds;
    public static bool operator >=(Timestamp a, Timestamp b) => a.UnixNanoseconds >= b.UnixNanoseconds;

    /// <summary>ISO-8601 UTC with millisecond precision, e.g. <c>2014-05-02 12:30:01.521</c>.</summary>
    public string ToMillisecondString() =>
        ToDateTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>ISO-8601 UTC with full nanosecond precision, e.g. <c>2014-05-02T12:30:01.521000000Z</c>.</summary>
    public override string ToString()
    {
        var dt = ToDateTime();
        var nanosInSecond = UnixNanoseconds % NanosPerSecond;
        if (nanosInSecond < 0)
        {
            nanosInSecond += NanosPerSecond;
        }

        return dt.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + "." + nanosInSecond.ToString("D9", CultureInfo.InvariantCulture) + "Z";
    }

    /// <summary>Parses ISO-like UTC text (<c>yyyy-MM-dd HH:mm:ss[.fffffffff]</c>, optional <c>T</c> and <c>Z</c>).</summary>
    public static Timestamp Parse(string text)
    {
        if (!TryParse(text, out var ts))
        {
            throw new FormatException($"'{text}' is not a UTC timestamp (expected yyyy-MM-dd HH:mm:ss[.fff]).");
        }

        return ts;
    }

    public static bool TryParse(string? text, out Timestamp value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.EndsWith('Z'))
        {
            s = s[..^1];
        }

        s = s.Replace('T', ' ');
        var dot = s.IndexOf('.');
        long fractionNanos = 0;
        var main = s;
        if (dot >= 0)
        {
            var frac = s[(dot + 1)..];
            main = s[..dot];
            if (frac.Length == 0 || frac.Length > 9)
            {
                return false;
            }

            foreach (var c in frac)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            fractionNanos = long.Parse(frac.PadRight(9, '0'), CultureInfo.InvariantCulture);
        }

        string[] formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(main, formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            return false;
        }

        value = new Timestamp(FromDateTime(DateTime.SpecifyKind(dt, DateTimeKind.Utc)).UnixNanoseconds + fractionNanos);
        return true;
    }
}
