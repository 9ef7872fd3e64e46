using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Sessions and killzones on bar close: a window opens at the first bar whose open time is inside it and closes at
/// the first bar outside; each open and close is a <see cref="DecisionType.SessionEvent"/> carrying the window's
/// high/low so far. The window is decided by the bar's open time, like the reference's <c>sessions</c>.
/// </summary>
public sealed class SessionDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly SessionWindow[] _windows;
    private readonly bool[] _active;
    private readonly long[] _high;
    private readonly long[] _low;
    private readonly long[] _openIndex;

    // Each window's zone offset and the UTC ticks [from, to) it holds for: bars are minutes apart and daylight saving
    // changes twice a year, so the time zone lookup runs about twice a year per window instead of on every bar.
    private readonly long[] _offsetTicks;
    private readonly long[] _offsetFrom;
    private readonly long[] _offsetTo;

    public SessionDetector(SmcSeriesContext ctx, IReadOnlyList<SessionWindow> windows)
    {
        _ctx = ctx;
        _windows = [.. windows];
        _active = new bool[_windows.Length];
        _high = new long[_windows.Length];
        _low = new long[_windows.Length];
        _openIndex = new long[_windows.Length];
        _offsetTicks = new long[_windows.Length];
        _offsetFrom = new long[_windows.Length];
        _offsetTo = new long[_windows.Length];
        Array.Fill(_offsetFrom, long.MaxValue);
        Array.Fill(_offsetTo, long.MinValue);
    }

    public IReadOnlyList<SessionWindow> Windows => _windows;

    public bool IsActive(int window) => _active[window];

    /// <summary>Session high so far (valid while active).</summary>
    public long High(int window) => _high[window];

    public long Low(int window) => _low[window];

    /// <summary>Whether any killzone contains <paramref name="utcNs"/>.</summary>
    public bool InKillzone(long utcNs)
    {
        for (var w = 0; w < _windows.Length; w++)
        {
            if (_windows[w].IsKillzone && _windows[w].Contains(utcNs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        ref readonly var bar = ref _ctx.Bars.Last;
        for (var w = 0; w < _windows.Length; w++)
        {
            var inside = _windows[w].Contains(bar.OpenTimeNs, OffsetAt(w, bar.OpenTimeNs));
            if (inside && !_active[w])
            {
                _active[w] = true;
                _high[w] = bar.High;
                _low[w] = bar.Low;
                _openIndex[w] = bar.Index;
                Emit(w, SmcCodes.SessionOpened, bar.Index);
            }
            else if (inside)
            {
                _high[w] = Math.Max(_high[w], bar.High);
                _low[w] = Math.Min(_low[w], bar.Low);
            }
            else if (_active[w])
            {
                _active[w] = false;
                Emit(w, SmcCodes.SessionClosed, bar.Index);
            }
        }
    }

    private long OffsetAt(int w, long utcNs)
    {
        var ticks = utcNs / 100;
        if (ticks < _offsetFrom[w] || ticks >= _offsetTo[w])
        {
            _offsetTicks[w] = _windows[w].UtcOffsetTicks(ticks, out _offsetFrom[w], out _offsetTo[w]);
        }

        return _offsetTicks[w];
    }

    private void Emit(int w, int code, long t)
    {
        var d = _ctx.NewDecision(DecisionType.SessionEvent, code, _ctx.Id(SmcIdKind.Session, w, _openIndex[w]));
        d.Ref0 = w;
        d.A = _high[w];
        d.B = _low[w];
        d.C = _openIndex[w];
        d.D = t;
        _ctx.Emitter.Emit(ref d);
    }
}
