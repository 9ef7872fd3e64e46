using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Smc.Bars;

/// <summary>
/// Builds one timeframe's bid bars from ticks. Bars are aligned to the trading day (<see cref="TradingDayCalendar"/>)
/// and to multiples of the timeframe inside it; a period without ticks yields no bar. A bar closes on the first tick
/// of a later period or, live, on a timer at or after its end (<see cref="TryCloseDue"/>).
/// </summary>
public sealed class BarBuilder
{
    private readonly long _periodNs;
    private readonly bool _daily;
    private readonly TradingDayCalendar _calendar;
    private Bar _bar;
    private bool _open;
    private long _closedUntil = long.MinValue;

    /// <param name="timeframeSeconds">Bar length; a divisor of a day (60, 300, 900, 3600, 14400) or 86400 for D1.</param>
    /// <param name="calendar">The symbol's trading-day calendar (shared by its timeframes).</param>
    public BarBuilder(int timeframeSeconds, TradingDayCalendar calendar)
    {
        if (timeframeSeconds <= 0 || (86_400 % timeframeSeconds != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(timeframeSeconds), timeframeSeconds, "A timeframe must divide one day (e.g. 60, 300, 900, 3600, 14400, 86400).");
        }

        TimeframeSeconds = timeframeSeconds;
        _periodNs = timeframeSeconds * Timestamp.NanosPerSecond;
        _daily = timeframeSeconds == 86_400;
        _calendar = calendar;
    }

    public int TimeframeSeconds { get; }

    /// <summary>True while a bar is forming.</summary>
    public bool IsOpen => _open;

    /// <summary>The forming bar (valid while <see cref="IsOpen"/>).</summary>
    public ref readonly Bar Current => ref _bar;

    /// <summary>
    /// Adds a bid. Returns true when the tick belongs to a later period than the forming bar, which is then closed
    /// and copied to <paramref name="closed"/> (the tick starts the next bar).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool OnTick(long timeNs, long bid, out Bar closed)
    {
        if (TryExtend(timeNs, bid))
        {
            Unsafe.SkipInit(out closed);
            return false;
        }

        return Roll(timeNs, bid, out closed);
    }

    /// <summary>
    /// The common case of <see cref="OnTick"/> on its own, with no bar to copy: adds the bid when the tick falls in
    /// the forming bar's period and returns true; returns false, changing nothing, when it does not (no bar is
    /// forming, or the tick is of a later period): the caller then calls <see cref="OnTick"/>, out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryExtend(long timeNs, long bid)
    {
        if (!_open || timeNs >= _bar.EndTimeNs)
        {
            return false;
        }

        // Ticks stamped before the bar start (time going backwards) are folded into the forming bar.
        if (bid > _bar.High)
        {
            _bar.High = bid;
        }

        if (bid < _bar.Low)
        {
            _bar.Low = bid;
        }

        _bar.Close = bid;
        _bar.TickCount++;
        return true;
    }

    /// <summary>
    /// Adds a closed bar of a finer timeframe whose periods nest in this one's (same trading-day calendar, this
    /// timeframe a multiple of it), instead of every tick: the result is the bar the ticks would have built, at a
    /// fraction of the per-tick cost. Returns true, like <see cref="OnTick"/>, when <paramref name="minor"/> belongs
    /// to a later period than the forming bar, which is then closed and copied to <paramref name="closed"/>. The
    /// caller also closes the forming bar once time passes its end (<see cref="TryCloseDue"/>), so a bar closes on
    /// the same tick as it would when built from ticks.
    /// </summary>
    public bool Fold(in Bar minor, out Bar closed)
    {
        if (_open && minor.OpenTimeNs < _bar.EndTimeNs)
        {
            if (minor.High > _bar.High)
            {
                _bar.High = minor.High;
            }

            if (minor.Low < _bar.Low)
            {
                _bar.Low = minor.Low;
            }

            _bar.Close = minor.Close;
            _bar.TickCount += minor.TickCount;
            Unsafe.SkipInit(out closed);
            return false;
        }

        var rolled = Roll(minor.OpenTimeNs, minor.Open, out closed);
        _bar.High = minor.High;
        _bar.Low = minor.Low;
        _bar.Close = minor.Close;
        _bar.TickCount = minor.TickCount;
        return rolled;
    }

    /// <summary>Closes the forming bar if its period has ended by <paramref name="nowNs"/> (a timer event).</summary>
    public bool TryCloseDue(long nowNs, out Bar closed)
    {
        if (_open && nowNs >= _bar.EndTimeNs)
        {
            closed = _bar;
            _open = false;
            _closedUntil = _bar.EndTimeNs;
            return true;
        }

        // Not due (the common case on every finest bar): nothing to copy; callers read closed only on true.
        Unsafe.SkipInit(out closed);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Roll(long timeNs, long bid, out Bar closed)
    {
        var hadBar = _open;
        closed = _bar;
        if (hadBar)
        {
            _closedUntil = _bar.EndTimeNs;
        }

        // A tick stamped inside a period a timer already closed (a live race) goes to the next bar: a period is
        // never reopened, so no two bars share an open time.
        timeNs = Math.Max(timeNs, _closedUntil);
        _calendar.DayContaining(timeNs, out var dayStart, out var dayEnd);
        long start;
        long end;
        if (_daily)
        {
            start = dayStart;
            end = dayEnd;
        }
        else
        {
            start = dayStart + ((timeNs - dayStart) / _periodNs * _periodNs);
            end = Math.Min(start + _periodNs, dayEnd);
        }

        _bar = new Bar(start, end, bid, bid, bid, bid);
        _open = true;
        return hadBar;
    }
}
