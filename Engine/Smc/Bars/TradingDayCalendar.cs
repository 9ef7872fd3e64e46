using IctEngine.Core;
using NodaTime;

namespace IctEngine.Smc.Bars;

/// <summary>
/// Finds the trading day that contains an instant for a <see cref="DailyBoundary"/>. The last answer is cached,
/// so the time-zone lookup runs once per day per caller, never per tick.
/// </summary>
public sealed class TradingDayCalendar
{
    private readonly DailyBoundary _boundary;
    private readonly DateTimeZone? _zone;
    private long _cachedStart = long.MaxValue;
    private long _cachedEnd = long.MinValue;

    public TradingDayCalendar(DailyBoundary boundary)
    {
        _boundary = boundary;
        _zone = boundary == DailyBoundary.NewYork1700 ? DateTimeZoneProviders.Tzdb["America/New_York"] : null;
    }

    public DailyBoundary Boundary => _boundary;

    /// <summary>The trading day [start, end) containing <paramref name="timeNs"/>, UTC ns.</summary>
    public void DayContaining(long timeNs, out long startNs, out long endNs)
    {
        if (timeNs >= _cachedStart && timeNs < _cachedEnd)
        {
            startNs = _cachedStart;
            endNs = _cachedEnd;
            return;
        }

        Compute(timeNs, out startNs, out endNs);
        _cachedStart = startNs;
        _cachedEnd = endNs;
    }

    /// <summary>
    /// The calendar date a trading day is named after (days since the Unix epoch): the UTC date for
    /// <see cref="DailyBoundary.UtcMidnight"/>, the New York date the day closes on for 17:00 New York.
    /// </summary>
    public long DayNumber(long timeNs)
    {
        DayContaining(timeNs, out _, out var end);
        return FloorDiv(end - 1, Timestamp.NanosPerDay);
    }

    private void Compute(long timeNs, out long startNs, out long endNs)
    {
        if (_zone is null)
        {
            startNs = FloorDiv(timeNs, Timestamp.NanosPerDay) * Timestamp.NanosPerDay;
            endNs = startNs + Timestamp.NanosPerDay;
            return;
        }

        // Plain offset arithmetic instead of NodaTime's local-time mapping, which allocates; 17:00 is never inside
        // a daylight-saving transition, so one offset lookup per boundary is exact.
        var local = timeNs + OffsetNs(timeNs);
        var localDayStart = FloorDiv(local, Timestamp.NanosPerDay) * Timestamp.NanosPerDay;
        var closeLocal = localDayStart + (17 * Timestamp.NanosPerHour);
        if (local < closeLocal)
        {
            closeLocal -= Timestamp.NanosPerDay;
        }

        startNs = LocalToUtc(closeLocal);
        endNs = LocalToUtc(closeLocal + Timestamp.NanosPerDay);
    }

    private long OffsetNs(long utcNs) => _zone!.GetUtcOffset(Instant.FromUnixTimeTicks(FloorDiv(utcNs, 100))).Ticks * 100;

    private long LocalToUtc(long localNs)
    {
        var guess = localNs - OffsetNs(localNs);
        return localNs - OffsetNs(guess);
    }

    internal static long FloorDiv(long a, long b)
    {
        var q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
