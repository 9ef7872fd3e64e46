using NodaTime;

namespace IctEngine.Risk;

/// <summary>
/// Trading-day boundaries at midnight in a time zone (Europe/Prague for FTMO), DST-aware through NodaTime's tz
/// database: a day is 23 or 25 hours long across a switch. Only computed once per day, off the per-tick path.
/// </summary>
public sealed class DailyResetSchedule
{
    private readonly DateTimeZone _zone;

    public DailyResetSchedule(string timeZoneId)
    {
        _zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId)
            ?? throw new ArgumentException($"Unknown time zone '{timeZoneId}' (expected an IANA id such as Europe/Prague).", nameof(timeZoneId));
    }

    /// <summary>The first reset strictly after <paramref name="timeNs"/> (UTC ns).</summary>
    public long NextResetNs(long timeNs)
    {
        var date = Instant.FromUnixTimeTicks(Math.DivRem(timeNs, 100, out _)).InZone(_zone).Date;
        return _zone.AtStartOfDay(date.PlusDays(1)).ToInstant().ToUnixTimeTicks() * 100;
    }

    /// <summary>The local trading date of an instant, as yyyymmdd (for journaling).</summary>
    public int TradingDate(long timeNs)
    {
        var date = Instant.FromUnixTimeTicks(timeNs / 100).InZone(_zone).Date;
        return (date.Year * 10_000) + (date.Month * 100) + date.Day;
    }
}
