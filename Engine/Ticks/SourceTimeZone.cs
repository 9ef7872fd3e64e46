using System.Globalization;
using System.Runtime.CompilerServices;
using IctEngine.Core;
using NodaTime;
using NodaTime.TimeZones;

namespace IctEngine.Ticks;

/// <summary>
/// The clock a tick file was written in (a broker's server time, EST for HistData), converting its local
/// nanoseconds to UTC. A fixed offset is one subtraction; an IANA zone caches the current offset period, so the
/// per-tick cost is a range check and NodaTime is consulted only when the period changes (DST transitions).
/// Ambiguous local times (autumn fall-back) resolve to the earlier instant, skipped ones (spring) shift forward.
/// </summary>
public sealed class SourceTimeZone
{
    private readonly DateTimeZone? _zone;
    private readonly long _fixedOffsetNs;
    private long _cachedLocalStart = long.MaxValue;
    private long _cachedLocalEnd = long.MinValue;
    private long _cachedOffsetNs;

    private SourceTimeZone(string name, DateTimeZone? zone, long fixedOffsetNs)
    {
        Name = name;
        _zone = zone;
        _fixedOffsetNs = fixedOffsetNs;
    }

    public static SourceTimeZone Utc { get; } = new("UTC", null, 0);

    /// <summary>Fixed UTC-5 (EST without daylight saving): HistData and FXCM data.</summary>
    public static SourceTimeZone FixedMinus5 { get; } = new("UTC-05:00", null, -5 * Timestamp.NanosPerHour);

    public string Name { get; }

    /// <summary>
    /// Parses <c>UTC</c>, a fixed offset (<c>+02:00</c>, <c>-5</c>, <c>UTC+3</c>, <c>GMT-05:00</c>) or an IANA id.
    /// </summary>
    /// <exception cref="FormatException">Neither an offset nor a known IANA zone.</exception>
    public static SourceTimeZone Parse(string text)
    {
        var s = text.Trim();
        if (s.Length == 0 || s.Equals("UTC", StringComparison.OrdinalIgnoreCase) || s.Equals("GMT", StringComparison.OrdinalIgnoreCase)
            || s.Equals("Z", StringComparison.OrdinalIgnoreCase))
        {
            return Utc;
        }

        var offsetText = s;
        if (s.StartsWith("UTC", StringComparison.OrdinalIgnoreCase) || s.StartsWith("GMT", StringComparison.OrdinalIgnoreCase))
        {
            offsetText = s[3..];
        }

        if (offsetText.Length > 1 && (offsetText[0] == '+' || offsetText[0] == '-') && TryParseOffset(offsetText, out var offsetNs))
        {
            return new SourceTimeZone(offsetText, null, offsetNs);
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(s)
            ?? throw new FormatException($"'{text}' is not a time zone: use an IANA id (Europe/Athens), a fixed offset (+02:00) or UTC.");
        return new SourceTimeZone(zone.Id, zone, 0);
    }

    /// <summary>Converts local nanoseconds since the Unix epoch (as if the local clock were UTC) to UTC nanoseconds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ToUtc(long localNs)
    {
        if (_zone is null)
        {
            return localNs - _fixedOffsetNs;
        }

        if (localNs >= _cachedLocalStart && localNs < _cachedLocalEnd)
        {
            return localNs - _cachedOffsetNs;
        }

        return ToUtcSlow(localNs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long ToUtcSlow(long localNs)
    {
        var local = LocalDateTime.FromDateTime(new DateTime(621_355_968_000_000_000L + (localNs / 100), DateTimeKind.Unspecified))
            .PlusNanoseconds(localNs % 100);
        var zoned = _zone!.ResolveLocal(local, Resolvers.LenientResolver);
        var offsetNs = zoned.Offset.Nanoseconds;
        var interval = _zone.GetZoneInterval(zoned.ToInstant());
        _cachedOffsetNs = offsetNs;
        _cachedLocalStart = interval.HasStart ? ToNs(interval.Start) + offsetNs : long.MinValue;
        _cachedLocalEnd = interval.HasEnd ? ToNs(interval.End) + offsetNs : long.MaxValue;

        // Local times just after a transition can resolve into a neighbouring period: never cache a range that
        // excludes the value itself.
        if (localNs < _cachedLocalStart || localNs >= _cachedLocalEnd)
        {
            _cachedLocalStart = localNs;
            _cachedLocalEnd = localNs + 1;
        }

        return localNs - offsetNs;
    }

    private static long ToNs(Instant instant) => instant < Instant.FromUnixTimeTicks(long.MinValue / 200)
        ? long.MinValue / 2
        : instant > Instant.FromUnixTimeTicks(long.MaxValue / 200) ? long.MaxValue / 2 : instant.ToUnixTimeTicks() * 100;

    private static bool TryParseOffset(string text, out long nanos)
    {
        nanos = 0;
        var sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        int hours;
        var minutes = 0;
        var colon = body.IndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(body[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
                || !int.TryParse(body[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
            {
                return false;
            }
        }
        else if (body.Length == 4)
        {
            if (!int.TryParse(body[..2], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
                || !int.TryParse(body[2..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
            {
                return false;
            }
        }
        else if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out hours))
        {
            return false;
        }

        if (hours > 14 || minutes > 59)
        {
            return false;
        }

        nanos = sign * ((hours * Timestamp.NanosPerHour) + (minutes * Timestamp.NanosPerMinute));
        return true;
    }

    public override string ToString() => Name;
}
