using NodaTime;

namespace IctEngine.Smc.Structure;

/// <summary>
/// A named daily window (a trading session or an ICT killzone) in a time zone's local time, so London and New York
/// windows follow their own daylight saving. A window may wrap midnight. <see cref="InclusiveEnd"/> mimics the
/// reference library (whose 16:00 candle is still inside London).
/// </summary>
public sealed class SessionWindow
{
    private readonly DateTimeZone _zone;
    private readonly int _startMinute;
    private readonly int _endMinute;

    public SessionWindow(string name, bool isKillzone, string timeZoneId, int startHour, int startMinute, int endHour, int endMinute, bool inclusiveEnd = false)
    {
        Name = name;
        IsKillzone = isKillzone;
        TimeZoneId = timeZoneId;
        InclusiveEnd = inclusiveEnd;
        _zone = timeZoneId == "UTC" ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId)
            ?? throw new ArgumentException($"Unknown time zone '{timeZoneId}' for session {name}.", nameof(timeZoneId));
        _startMinute = (startHour * 60) + startMinute;
        _endMinute = (endHour * 60) + endMinute;
    }

    public string Name { get; }

    public bool IsKillzone { get; }

    public string TimeZoneId { get; }

    public bool InclusiveEnd { get; }

    /// <summary>Start, minutes after local midnight.</summary>
    public int StartMinuteOfDay => _startMinute;

    /// <summary>End, minutes after local midnight.</summary>
    public int EndMinuteOfDay => _endMinute;

    /// <summary>ICT killzones in New York time and the four sessions in their own cities' time.</summary>
    public static IReadOnlyList<SessionWindow> IctDefaults { get; } =
    [
        new("Asian killzone", true, "America/New_York", 20, 0, 0, 0),
        new("London killzone", true, "America/New_York", 2, 0, 5, 0),
        new("New York killzone", true, "America/New_York", 7, 0, 10, 0),
        new("London close killzone", true, "America/New_York", 10, 0, 12, 0),
        new("Sydney", false, "Australia/Sydney", 7, 0, 16, 0),
        new("Tokyo", false, "Asia/Tokyo", 9, 0, 18, 0),
        new("London", false, "Europe/London", 8, 0, 17, 0),
        new("New York", false, "America/New_York", 8, 0, 17, 0),
    ];

    /// <summary>The reference library's London window (07:00–16:00 UTC, end inclusive, no DST).</summary>
    public static SessionWindow ReferenceLondon { get; } = new("London", false, "UTC", 7, 0, 16, 0, inclusiveEnd: true);

    /// <summary>Local minute of day of a UTC instant (seconds dropped, like the reference).</summary>
    public int LocalMinuteOfDay(long utcNs)
    {
        var ticks = utcNs / 100;
        return MinuteOfDay(ticks + _zone.GetUtcOffset(Instant.FromUnixTimeTicks(ticks)).Ticks);
    }

    /// <summary>
    /// The zone's offset from UTC (100 ns ticks) at <paramref name="utcTicks"/> (ticks since the epoch), and the
    /// ticks [<paramref name="fromTicks"/>, <paramref name="toTicks"/>) it holds for: a caller that keeps it skips the
    /// time zone lookup for every later instant until the next daylight saving change.
    /// </summary>
    public long UtcOffsetTicks(long utcTicks, out long fromTicks, out long toTicks)
    {
        var interval = _zone.GetZoneInterval(Instant.FromUnixTimeTicks(utcTicks));
        fromTicks = interval.HasStart ? interval.Start.ToUnixTimeTicks() : long.MinValue;
        toTicks = interval.HasEnd ? interval.End.ToUnixTimeTicks() : long.MaxValue;
        return interval.WallOffset.Ticks;
    }

    /// <summary>Whether <paramref name="utcNs"/> falls in the window on its local day.</summary>
    public bool Contains(long utcNs) => Contains(utcNs, _zone.GetUtcOffset(Instant.FromUnixTimeTicks(utcNs / 100)).Ticks);

    /// <summary><see cref="Contains(long)"/> with the zone's offset at <paramref name="utcNs"/> already known (<see cref="UtcOffsetTicks"/>).</summary>
    public bool Contains(long utcNs, long offsetTicks)
    {
        var t = MinuteOfDay((utcNs / 100) + offsetTicks);
        if (_startMinute < _endMinute)
        {
            return t >= _startMinute && (InclusiveEnd ? t <= _endMinute : t < _endMinute);
        }

        return t >= _startMinute || (InclusiveEnd ? t <= _endMinute : t < _endMinute);
    }

    private static int MinuteOfDay(long localTicks)
    {
        const long TicksPerMinute = 600_000_000L;
        const long MinutesPerDay = 1440;
        var minutes = localTicks >= 0 ? localTicks / TicksPerMinute : ((localTicks + 1) / TicksPerMinute) - 1;
        var m = minutes % MinutesPerDay;
        return (int)(m < 0 ? m + MinutesPerDay : m);
    }

    public override string ToString() => $"{Name} {_startMinute / 60:00}:{_startMinute % 60:00}-{_endMinute / 60:00}:{_endMinute % 60:00} {TimeZoneId}";
}
