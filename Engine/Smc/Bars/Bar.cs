namespace IctEngine.Smc.Bars;

/// <summary>
/// One closed (or forming) bid bar: OHLC in fixed-point units of the symbol's digits, the number of ticks it
/// aggregated, its period [<see cref="OpenTimeNs"/>, <see cref="EndTimeNs"/>) and its position in its series.
/// </summary>
public struct Bar
{
    /// <summary>Start of the bar's period (aligned), UTC ns.</summary>
    public long OpenTimeNs;

    /// <summary>End of the bar's period (exclusive), UTC ns.</summary>
    public long EndTimeNs;

    public long Open;
    public long High;
    public long Low;
    public long Close;

    /// <summary>Ticks aggregated; the stream's volume proxy (FX quote feeds carry no traded volume).</summary>
    public long TickCount;

    /// <summary>0-based position of the bar in its symbol/timeframe series (count of earlier closed bars).</summary>
    public long Index;

    public Bar(long openTimeNs, long endTimeNs, long open, long high, long low, long close, long tickCount = 1)
    {
        OpenTimeNs = openTimeNs;
        EndTimeNs = endTimeNs;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        TickCount = tickCount;
    }

    public override readonly string ToString() => $"#{Index} {OpenTimeNs} O{Open} H{High} L{Low} C{Close} n{TickCount}";
}
