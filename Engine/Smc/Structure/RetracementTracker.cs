using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Premium / discount / equilibrium of the current swing range (last known swing high and low) and the retracement of
/// the current leg, with the optimal trade entry band. Emits <see cref="DecisionType.RetracementUpdate"/> only when
/// the range, the zone or the OTE state changes (not every bar).
/// </summary>
public sealed class RetracementTracker
{
    private readonly SmcSeriesContext _ctx;
    private readonly SwingDetector _swings;
    private long _top;
    private long _bottom;
    private int _zone = int.MinValue;
    private bool _inOte;
    private long _deepestBp;

    public RetracementTracker(SmcSeriesContext ctx, SwingDetector swings)
    {
        _ctx = ctx;
        _swings = swings;
    }

    public long RangeTop => _top;

    public long RangeBottom => _bottom;

    /// <summary>(top + bottom) / 2, or 0 without a range.</summary>
    public long Equilibrium => _top > _bottom ? (_top + _bottom) / 2 : 0;

    /// <summary>Runs after the swing detector on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        var high = _swings.LastHigh;
        var low = _swings.LastLow;
        if (!high.IsValid || !low.IsValid || high.Level <= low.Level)
        {
            return;
        }

        var rangeChanged = high.Level != _top || low.Level != _bottom;
        _top = high.Level;
        _bottom = low.Level;
        ref readonly var bar = ref _ctx.Bars.Last;
        var span = _top - _bottom;
        var positionBp = (bar.Close - _bottom) * 10_000 / span;
        var opt = _ctx.Options;
        var zone = positionBp > opt.PremiumFromBp ? 1 : positionBp < opt.DiscountBelowBp ? -1 : 0;

        // The leg runs from the older swing to the newer one; retracement is measured back from the newer end.
        var legUp = high.Index > low.Index;
        var retraceBp = legUp ? (_top - bar.Close) * 10_000 / span : (bar.Close - _bottom) * 10_000 / span;
        if (rangeChanged)
        {
            _deepestBp = 0;
        }

        _deepestBp = Math.Max(_deepestBp, retraceBp);
        var inOte = retraceBp >= opt.OteFromBp && retraceBp <= opt.OteToBp;
        if (!rangeChanged && zone == _zone && inOte == _inOte)
        {
            return;
        }

        _zone = zone;
        _inOte = inOte;
        var d = _ctx.NewDecision(DecisionType.RetracementUpdate, zone, _ctx.Id(SmcIdKind.Retracement, 0, bar.Index));
        d.Ref0 = legUp ? high.Id : low.Id;
        d.A = _top;
        d.B = _bottom;
        d.C = retraceBp;
        d.D = _deepestBp;
        d.E = inOte ? 1 : 0;
        d.F = legUp ? 1 : -1;
        _ctx.Emitter.Emit(ref d);
    }
}
