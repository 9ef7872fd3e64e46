using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Trend-based structure (the TradingView convention): a close beyond the last unbroken swing high/low is a break;
/// it is a CHoCH when it goes against the current trend and a BOS when with it, and sets the trend. One instance
/// runs on the short (internal) swings and one on the long (swing) swings, so both levels exist at once.
/// </summary>
public sealed class TrendStructureDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly SwingDetector _swings;
    private readonly SmcIdKind _idKind;
    private readonly int _bosCode;
    private readonly int _chochCode;
    private Swing _high;
    private Swing _low;
    private bool _highCrossed;
    private bool _lowCrossed;

    public TrendStructureDetector(SmcSeriesContext ctx, SwingDetector swings, bool isLong)
    {
        _ctx = ctx;
        _swings = swings;
        _idKind = isLong ? SmcIdKind.SwingBreak : SmcIdKind.InternalBreak;
        _bosCode = isLong ? SmcCodes.SwingBos : SmcCodes.InternalBos;
        _chochCode = isLong ? SmcCodes.SwingChoch : SmcCodes.InternalChoch;
    }

    /// <summary>+1 bullish, -1 bearish, 0 before the first break.</summary>
    public int Trend { get; private set; }

    /// <summary>The most recent break (any direction).</summary>
    public StructureBreak LastBreak { get; private set; }

    /// <summary>Runs after the swing detector on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        if (_swings.Change != SwingChange.None)
        {
            ref readonly var s = ref _swings.FromEnd(0);
            if (s.Type > 0)
            {
                _high = s;
                _highCrossed = false;
            }
            else
            {
                _low = s;
                _lowCrossed = false;
            }
        }

        ref readonly var bar = ref _ctx.Bars.Last;
        if (_high.IsValid && !_highCrossed && bar.Close > _high.Level)
        {
            _highCrossed = true;
            Emit(1, in _high, bar.Index);
        }
        else if (_low.IsValid && !_lowCrossed && bar.Close < _low.Level)
        {
            _lowCrossed = true;
            Emit(-1, in _low, bar.Index);
        }
    }

    private void Emit(int dir, in Swing swing, long t)
    {
        var choch = Trend == -dir;
        Trend = dir;
        var id = _ctx.Id(_idKind, dir > 0 ? 1 : 2, t);
        LastBreak = new StructureBreak
        {
            Id = id,
            Direction = dir,
            IsChoch = choch,
            BarIndex = t,
            SwingId = swing.Id,
            SwingIndex = swing.Index,
            Level = swing.Level,
        };
        var d = _ctx.NewDecision(DecisionType.StructureBreak, dir * (choch ? _chochCode : _bosCode), id);
        d.Ref0 = swing.Id;
        d.A = swing.Level;
        d.B = swing.Index;
        d.C = t;
        _ctx.Emitter.Emit(ref d);
    }
}
