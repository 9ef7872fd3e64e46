using IctEngine.Core;
using NodaTime;

namespace IctEngine.Validation;

/// <summary>
/// When a market is open, in its own time zone: a weekly window (FX: Sunday 17:00 to Friday 17:00 New York time,
/// i.e. ~21:00/22:00 UTC depending on US daylight saving) and an optional daily break (gold: 17:00-18:00 New York).
/// Used by gap detection, so that weekends and breaks are not reported as feed gaps.
/// </summary>
public sealed class MarketHours
{
    private readonly DateTimeZone _zone;

    public MarketHours(string timeZone = "America/New_York", IsoDayOfWeek openDay = IsoDayOfWeek.Sunday, LocalTime? openTime = null,
        IsoDayOfWeek closeDay = IsoDayOfWeek.Friday, LocalTime? closeTime = null, LocalTime? dailyBreakStart = null, LocalTime? dailyBreakEnd = null)
    {
        _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone)
            ?? throw new FormatException($"'{timeZone}' is not an IANA time zone id.");
        TimeZone = timeZone;
        OpenDay = openDay;
        OpenTime = openTime ?? new LocalTime(17, 0);
        CloseDay = closeDay;
        CloseTime = closeTime ?? new LocalTime(17, 0);
        DailyBreakStart = dailyBreakStart;
        DailyBreakEnd = dailyBreakEnd;
        if ((dailyBreakStart is null) != (dailyBreakEnd is null))
        {
            throw new ArgumentException("A daily break needs both a start and an end.");
        }
    }

    /// <summary>Spot FX: Sunday 17:00 to Friday 17:00 America/New_York, no daily break.</summary>
    public static MarketHours Forex { get; } = new();

    /// <summary>Spot gold/CFD metals: Sunday 18:00 to Friday 17:00 New York, with a daily 17:00-18:00 break.</summary>
    public static MarketHours Metals { get; } = new(openTime: new LocalTime(18, 0), dailyBreakStart: new LocalTime(17, 0), dailyBreakEnd: new LocalTime(18, 0));

    /// <summary>Never closed (crypto, or to report every silence).</summary>
    public static MarketHours AlwaysOpen { get; } = new(openDay: IsoDayOfWeek.Monday, openTime: LocalTime.Midnight, closeDay: IsoDayOfWeek.Monday, closeTime: LocalTime.Midnight);

    public string TimeZone { get; }

    public IsoDayOfWeek OpenDay { get; }

    public LocalTime OpenTime { get; }

    public IsoDayOfWeek CloseDay { get; }

    public LocalTime CloseTime { get; }

    public LocalTime? DailyBreakStart { get; }

    public LocalTime? DailyBreakEnd { get; }

    private bool HasWeekend => OpenDay != CloseDay || OpenTime != CloseTime;

    /// <summary>Whether the market is open at a UTC instant.</summary>
    public bool IsOpen(long utcNs)
    {
        var local = Instant.FromUnixTimeTicks(utcNs / 100).InZone(_zone).LocalDateTime;
        var day = local.DayOfWeek;
        var time = local.TimeOfDay;
        if (DailyBreakStart is { } breakStart && DailyBreakEnd is { } breakEnd
            && (breakStart < breakEnd ? time >= breakStart && time < breakEnd : time >= breakStart || time < breakEnd))
        {
            return false;
        }

        if (!HasWeekend)
        {
            return true;
        }

        // Days after the close day up to the open day are closed; the two boundary days are split at their times.
        var sinceClose = ((int)day - (int)CloseDay + 7) % 7;
        var closeToOpen = ((int)OpenDay - (int)CloseDay + 7) % 7;
        if (sinceClose == 0 && closeToOpen == 0)
        {
            return time < CloseTime || time >= OpenTime;
        }

        if (sinceClose == 0)
        {
            return time < CloseTime;
        }

        if (sinceClose < closeToOpen)
        {
            return false;
        }

        return sinceClose != closeToOpen || time >= OpenTime;
    }

    /// <summary>
    /// How much of <c>[fromUtcNs, toUtcNs)</c> the market was open, sampled on whole minutes (an error of at most a
    /// minute per open/close edge). Only called for silences longer than the gap limit: off the per-tick path.
    /// </summary>
    public long OpenNanosBetween(long fromUtcNs, long toUtcNs)
    {
        long open = 0;
        var t = fromUtcNs;
        while (t < toUtcNs)
        {
            var next = Math.Min(toUtcNs, ((t / Timestamp.NanosPerMinute) + 1) * Timestamp.NanosPerMinute);
            if (IsOpen(t))
            {
                open += next - t;
            }

            t = next;
        }

        return open;
    }
}
