using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Three-candle fair value gaps (the reference's <c>fvg</c>): bullish when high[i−1] &lt; low[i+1] and candle i closes
/// up, bearish mirrored; stamped on the middle candle and known at the close of i+1. Optional: merge consecutive
/// same-direction gaps (join_consecutive) and a minimum size as a fraction of ATR (beyond the reference). A gap is
/// mitigated at the first candle from i+2 on that touches its near edge.
/// </summary>
public sealed class FairValueGapDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly ZoneList _active;
    private readonly long _minAtrBp;
    private readonly bool _join;
    private long _lastGapIndex = -10;
    private int _lastGapDir;

    // A gap is mitigated only by a bar reaching its near edge: a low at or below a bullish gap's top, a high at or
    // above a bearish gap's bottom. _lowReach is the highest bullish top and _highReach the lowest bearish bottom of
    // the gaps older than the current bar's; a bar strictly between them mitigates nothing, so the scan is skipped
    // with the same outcome. A gap found on this bar cannot be mitigated before the next one (from i+2 on): it joins
    // the bounds after the check, or the third candle, which always reaches its own gap, would force a scan.
    // Removals only leave the bounds loose (an extra scan, which recomputes them).
    private long _lowReach = long.MinValue;
    private long _highReach = long.MaxValue;

    public FairValueGapDetector(SmcSeriesContext ctx)
    {
        _ctx = ctx;
        _active = new ZoneList(ctx.Options.ActiveZoneCapacity);
        _minAtrBp = (long)(ctx.Options.FvgMinAtrFraction * 10_000m);
        _join = ctx.Options.FvgJoinConsecutive;
    }

    /// <summary>Unmitigated gaps, oldest first.</summary>
    public ZoneList Active => _active;

    /// <summary>Runs on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        var bars = _ctx.Bars;
        var t = bars.LastIndex;
        var found = t >= 2 && bars.Holds(t - 2) && Detect(t);
        Mitigate(t);
        if (found)
        {
            Reach(in _active[_active.Count - 1]);
        }
    }

    /// <summary>Scan every gap on every bar (tests prove the bounds skip only bars that mitigate nothing).</summary>
    internal bool ScansEveryBar { get; set; }

    /// <summary>Finds a gap whose third candle is <paramref name="t"/>; true when one was added (last in the list).</summary>
    private bool Detect(long t)
    {
        var bars = _ctx.Bars;
        ref readonly var first = ref bars[t - 2];
        ref readonly var middle = ref bars[t - 1];
        ref readonly var third = ref bars[t];
        int dir;
        long top;
        long bottom;
        if (first.High < third.Low && middle.Close > middle.Open)
        {
            dir = 1;
            top = third.Low;
            bottom = first.High;
        }
        else if (first.Low > third.High && middle.Close < middle.Open)
        {
            dir = -1;
            top = first.Low;
            bottom = third.High;
        }
        else
        {
            return false;
        }

        if (_minAtrBp > 0 && (top - bottom) * 10_000 < _ctx.Atr.Value * _minAtrBp)
        {
            return false;
        }

        var i = t - 1;
        var code = SmcCodes.Gap;
        long mergedFrom = 0;
        if (_join && _lastGapIndex == i - 1 && _lastGapDir == dir)
        {
            // The previous gap (one candle earlier, same direction) is folded into this one.
            var prev = FindActive(_ctx.Id(SmcIdKind.FairValueGap, 0, i - 1));
            if (prev >= 0)
            {
                ref var p = ref _active[prev];
                top = Math.Max(top, p.Top);
                bottom = Math.Min(bottom, p.Bottom);
                mergedFrom = p.Id;
                var inv = _ctx.NewDecision(DecisionType.StructureInvalidated, (int)DecisionType.FairValueGapDetected, p.Id);
                inv.Ref0 = _ctx.Id(SmcIdKind.FairValueGap, 0, i);
                inv.B = p.Index;
                _ctx.Emitter.Emit(ref inv);
                _active.RemoveAt(prev);
                code = SmcCodes.MergedGap;
            }
        }

        _lastGapIndex = i;
        _lastGapDir = dir;
        var zone = new Zone
        {
            Id = _ctx.Id(SmcIdKind.FairValueGap, 0, i),
            Direction = dir,
            Index = i,
            CreatedAt = t,
            Top = top,
            Bottom = bottom,
        };
        _active.Add(in zone);
        var d = _ctx.NewDecision(DecisionType.FairValueGapDetected, dir * code, zone.Id);
        d.Ref0 = mergedFrom;
        d.A = top;
        d.B = bottom;
        d.C = i;
        d.D = _ctx.Atr.Value;
        _ctx.Emitter.Emit(ref d);
        return true;
    }

    private void Mitigate(long t)
    {
        ref readonly var bar = ref _ctx.Bars[t];
        if (bar.Low > _lowReach && bar.High < _highReach && !ScansEveryBar)
        {
            return;
        }

        _lowReach = long.MinValue;
        _highReach = long.MaxValue;
        for (var k = 0; k < _active.Count; k++)
        {
            ref var z = ref _active[k];
            var touched = z.Direction > 0 ? bar.Low <= z.Top : bar.High >= z.Bottom;
            if (!touched || t < z.Index + 2)
            {
                Reach(in z);
                continue;
            }

            var d = _ctx.NewDecision(DecisionType.FairValueGapMitigated, z.Direction, z.Id);
            d.A = z.Top;
            d.B = z.Bottom;
            d.C = t;
            d.D = z.Index;
            _ctx.Emitter.Emit(ref d);
            _active.RemoveAt(k);
            k--;
        }
    }

    private void Reach(in Zone z)
    {
        if (z.Direction > 0)
        {
            _lowReach = Math.Max(_lowReach, z.Top);
        }
        else
        {
            _highReach = Math.Min(_highReach, z.Bottom);
        }
    }

    private int FindActive(long id)
    {
        for (var k = _active.Count - 1; k >= 0; k--)
        {
            if (_active[k].Id == id)
            {
                return k;
            }
        }

        return -1;
    }
}
