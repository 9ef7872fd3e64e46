using IctEngine.Core;
using IctEngine.Smc.Bars;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Previous period high/low (day, 4 hours, week...) and their breaks, on bar close: when a bar opens a new period the
/// last non-empty period's high/low become the levels (<see cref="DecisionType.SessionEvent"/>, code
/// <see cref="SmcCodes.PeriodStarted"/>), and the first bar of the period whose high goes above the previous high (low
/// below the previous low) is a <see cref="DecisionType.PreviousHighLowBroken"/>.
/// </summary>
public sealed class PreviousHighLowDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly TradingDayCalendar _calendar;
    private readonly long _periodSeconds;
    private readonly int _slot;
    private long _period = long.MinValue;
    private long _high;
    private long _low;
    private long _prevHigh;
    private long _prevLow;
    private int _prevHighTie;
    private int _prevLowTie;
    private bool _hasPrevious;
    private bool _highBroken;
    private bool _lowBroken;

    /// <param name="ctx">The series the detector runs on.</param>
    /// <param name="calendar">Trading-day calendar for day and week periods.</param>
    /// <param name="periodSeconds">A divisor of a day (e.g. 14400), 86400 (trading day) or 604800 (trading week from Monday).</param>
    /// <param name="slot">Distinguishes several instances in ids (0..4).</param>
    public PreviousHighLowDetector(SmcSeriesContext ctx, TradingDayCalendar calendar, int periodSeconds, int slot)
    {
        if (periodSeconds != 604_800 && (periodSeconds <= 0 || 86_400 % periodSeconds != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(periodSeconds), periodSeconds, "A period must divide one day, or be 86400 or 604800.");
        }

        _ctx = ctx;
        _calendar = calendar;
        _periodSeconds = periodSeconds;
        _slot = slot;
    }

    public long PreviousHigh => _prevHigh;

    public long PreviousLow => _prevLow;

    public bool HasPrevious => _hasPrevious;

    /// <summary>Period number of an instant (days for D1; Monday-based weeks for W).</summary>
    public long PeriodOf(long timeNs)
    {
        _calendar.DayContaining(timeNs, out var dayStart, out _);
        var day = _calendar.DayNumber(timeNs);
        if (_periodSeconds == 86_400)
        {
            return day;
        }

        if (_periodSeconds == 604_800)
        {
            return TradingDayCalendar.FloorDiv(day - 4, 7); // 1970-01-05 was a Monday
        }

        var perDay = 86_400 / _periodSeconds;
        return (day * perDay) + ((timeNs - dayStart) / (_periodSeconds * Timestamp.NanosPerSecond));
    }

    /// <summary>Runs on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        ref readonly var bar = ref _ctx.Bars.Last;
        var period = PeriodOf(bar.OpenTimeNs);
        if (period != _period)
        {
            if (_period != long.MinValue)
            {
                _prevHigh = _high;
                _prevLow = _low;
                _prevHighTie = _ctx.TieOf(_prevHigh);
                _prevLowTie = _ctx.TieOf(_prevLow);
                _hasPrevious = true;
                var d = _ctx.NewDecision(DecisionType.SessionEvent, SmcCodes.PeriodStarted, _ctx.Id(SmcIdKind.PreviousHighLow, _slot * 3, bar.Index));
                d.Ref0 = _periodSeconds;
                d.A = _prevHigh;
                d.B = _prevLow;
                d.C = period;
                d.D = bar.Index;
                _ctx.Emitter.Emit(ref d);
            }

            _period = period;
            _high = bar.High;
            _low = bar.Low;
            _highBroken = false;
            _lowBroken = false;
        }
        else
        {
            _high = Math.Max(_high, bar.High);
            _low = Math.Min(_low, bar.Low);
        }

        if (!_hasPrevious)
        {
            return;
        }

        if (!_highBroken && SmcSeriesContext.Above(bar.High, _prevHigh, _prevHighTie))
        {
            _highBroken = true;
            Broken(1, _prevHigh, in bar);
        }

        if (!_lowBroken && SmcSeriesContext.Below(bar.Low, _prevLow, _prevLowTie))
        {
            _lowBroken = true;
            Broken(-1, _prevLow, in bar);
        }
    }

    private void Broken(int dir, long level, in Bar bar)
    {
        var d = _ctx.NewDecision(DecisionType.PreviousHighLowBroken, dir, _ctx.Id(SmcIdKind.PreviousHighLow, (_slot * 3) + (dir > 0 ? 1 : 2), bar.Index));
        d.Ref0 = _periodSeconds;
        d.A = level;
        d.B = dir > 0 ? bar.High : bar.Low;
        d.C = _period;
        d.D = bar.Index;
        _ctx.Emitter.Emit(ref d);
    }
}
