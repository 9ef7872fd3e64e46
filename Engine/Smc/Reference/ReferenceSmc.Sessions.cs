namespace IctEngine.Smc.Reference;

public static partial class ReferenceSmc
{
    /// <summary>
    /// <c>sessions(ohlc, session, start_time, end_time, time_zone)</c>: bar time-of-day to the minute inside the
    /// window (both ends inclusive; wrapping windows when start &gt;= end), running float32 High/Low that reset at
    /// each session start, zeros outside.
    /// </summary>
    public static SessionsResult Sessions(OhlcSeries bars, TradingSession session, ReferenceTimeZone? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(session);
        var shift = (timeZone ?? ReferenceTimeZone.Utc).ShiftToUtc;
        var n = bars.Count;
        var active = new int[n];
        var high = new double[n];
        var low = new double[n];
        for (var i = 0; i < n; i++)
        {
            var t = bars.Times[i] + shift;
            if (!session.Contains(t.Hour * 60 + t.Minute))
            {
                continue;
            }

            active[i] = 1;
            var previousHigh = i > 0 ? high[i - 1] : 0.0;
            high[i] = F32(PyMax(bars.High[i], previousHigh));
            var previousLow = i > 0 && low[i - 1] != 0 ? low[i - 1] : double.PositiveInfinity;
            low[i] = F32(PyMin(bars.Low[i], previousLow));
        }

        return new SessionsResult(active, high, low);
    }
}
