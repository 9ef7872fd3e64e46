using IctEngine.Core;
using IctEngine.Smc.Bars;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Order blocks with the reference's rules (its <c>ob</c>), made causal: when a close goes above the last known,
/// unused swing high, the lowest candle between the swing and the break (the last one on ties) is a bullish OB
/// (top = its high, bottom = its low); bearish mirrored. The OB is mitigated when a later low trades below its bottom
/// (or a body with close mitigation) — the reference's "breaker" state; if price then comes back into it from below
/// it is reported as a breaker block, and it is invalidated (the reference erases it) once a high goes above its top.
/// </summary>
public sealed class OrderBlockDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly SwingDetector _swings;
    private readonly ZoneList _active;
    private readonly bool _closeMitigation;
    private long _usedHighId;
    private long _usedLowId;

    // A bar can change a live OB only by reaching one of its levels: a low at or below an unmitigated bullish OB's
    // bottom (a close-mitigation probe is never below the low), a high at or above a mitigated bullish OB's bottom
    // (retest) or top (erased), and the mirrors. _lowReach is the highest level some OB reacts to from above and
    // _highReach the lowest one some OB reacts to from below; a bar strictly between them touches nothing, so the
    // scan (its cost per live OB) is skipped and the decisions stay those of the full scan. Removals only leave the
    // bounds loose (an extra scan, which recomputes them).
    private long _lowReach = long.MinValue;
    private long _highReach = long.MaxValue;

    public OrderBlockDetector(SmcSeriesContext ctx, SwingDetector swings)
    {
        _ctx = ctx;
        _swings = swings;
        _active = new ZoneList(ctx.Options.ActiveZoneCapacity);
        _closeMitigation = ctx.Options.ObCloseMitigation;
    }

    /// <summary>Live order blocks (unmitigated and in breaker state), oldest first.</summary>
    public ZoneList Active => _active;

    /// <summary>Id of an OB created on the last bar, or 0.</summary>
    public long CreatedThisBar { get; private set; }

    /// <summary>Runs after the swing detector on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        CreatedThisBar = 0;
        var t = _ctx.Bars.LastIndex;
        Update(t);
        TryCreate(t, 1);
        TryCreate(t, -1);
    }

    /// <summary>Scan every live OB on every bar (tests prove the bounds skip only bars that change nothing).</summary>
    internal bool ScansEveryBar { get; set; }

    private void Update(long t)
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
            if (UpdateOne(ref z, in bar, t))
            {
                _active.RemoveAt(k);
                k--;
            }
            else
            {
                Reach(in z);
            }
        }
    }

    /// <summary>Applies bar <paramref name="t"/> to one live OB; true when it is erased.</summary>
    private bool UpdateOne(ref Zone z, in Bar bar, long t)
    {
        var bull = z.Direction > 0;
        if (z.Mitigated)
        {
            var erased = bull ? SmcSeriesContext.Above(bar.High, z.Top, z.TopTie) : SmcSeriesContext.Below(bar.Low, z.Bottom, z.BottomTie);
            if (erased)
            {
                var inv = _ctx.NewDecision(DecisionType.StructureInvalidated, (int)DecisionType.OrderBlockDetected, z.Id);
                inv.A = z.Top;
                inv.B = z.Bottom;
                inv.C = t;
                _ctx.Emitter.Emit(ref inv);
                return true;
            }

            var retest = bull ? bar.High >= z.Bottom && bar.Close < z.Top : bar.Low <= z.Top && bar.Close > z.Bottom;
            if (!z.BreakerReported && retest)
            {
                z.BreakerReported = true;
                var br = _ctx.NewDecision(DecisionType.BreakerBlockDetected, -z.Direction, _ctx.Id(SmcIdKind.BreakerBlock, bull ? 1 : 2, z.Index));
                br.Ref0 = z.Id;
                br.A = z.Top;
                br.B = z.Bottom;
                br.C = t;
                _ctx.Emitter.Emit(ref br);
            }

            return false;
        }

        bool mitigated;
        if (bull)
        {
            var probe = _closeMitigation ? Math.Min(bar.Open, bar.Close) : bar.Low;
            mitigated = SmcSeriesContext.Below(probe, z.Bottom, z.BottomTie);
        }
        else
        {
            var probe = _closeMitigation ? Math.Max(bar.Open, bar.Close) : bar.High;
            mitigated = SmcSeriesContext.Above(probe, z.Top, z.TopTie);
        }

        if (mitigated)
        {
            z.Mitigated = true;
            var d = _ctx.NewDecision(DecisionType.OrderBlockMitigated, z.Direction, z.Id);
            d.A = z.Top;
            d.B = z.Bottom;
            d.C = bull ? t - 1 : t; // the reference's MitigatedIndex (one less for bullish OBs)
            d.D = t;
            _ctx.Emitter.Emit(ref d);
        }

        return false;
    }

    /// <summary>
    /// Widens the bounds by the level at which <paramref name="z"/> can next change: ties (float32 rounding) only
    /// decide at equality, so reaching a level (≤, ≥) covers them; a mitigated OB's retest level (its near edge)
    /// comes before its erase level (the far edge) until the retest is reported.
    /// </summary>
    private void Reach(in Zone z)
    {
        if (z.Direction > 0)
        {
            if (z.Mitigated)
            {
                _highReach = Math.Min(_highReach, z.BreakerReported ? z.Top : z.Bottom);
            }
            else
            {
                _lowReach = Math.Max(_lowReach, z.Bottom);
            }
        }
        else if (z.Mitigated)
        {
            _lowReach = Math.Max(_lowReach, z.BreakerReported ? z.Bottom : z.Top);
        }
        else
        {
            _highReach = Math.Min(_highReach, z.Top);
        }
    }

    private void TryCreate(long t, int dir)
    {
        var swing = dir > 0 ? _swings.LastHigh : _swings.LastLow;
        if (!swing.IsValid || swing.Id == (dir > 0 ? _usedHighId : _usedLowId))
        {
            return;
        }

        var bars = _ctx.Bars;
        ref readonly var bar = ref bars[t];
        var crossed = dir > 0 ? bar.Close > swing.Level : bar.Close < swing.Level;
        if (!crossed)
        {
            return;
        }

        if (dir > 0)
        {
            _usedHighId = swing.Id;
        }
        else
        {
            _usedLowId = swing.Id;
        }

        var from = Math.Max(swing.Index + 1, bars.FirstIndex);
        var pick = t - 1;
        if (t - swing.Index > 1)
        {
            var best = dir > 0 ? long.MaxValue : long.MinValue;
            for (var k = from; k < t; k++)
            {
                ref readonly var b = ref bars[k];
                if (dir > 0 ? b.Low <= best : b.High >= best)
                {
                    best = dir > 0 ? b.Low : b.High;
                    pick = k;
                }
            }
        }

        ref readonly var candle = ref bars[pick];
        var v0 = bar.TickCount;
        var v1 = t >= 1 && bars.Holds(t - 1) ? bars[t - 1].TickCount : 0;
        var v2 = t >= 2 && bars.Holds(t - 2) ? bars[t - 2].TickCount : 0;
        var strong = v0 + v1;
        var weak = v2;
        var hi = Math.Max(strong, weak);
        var pctBp = hi == 0 ? 10_000 : Math.Min(strong, weak) * 10_000 / hi;
        var zone = new Zone
        {
            Id = _ctx.Id(SmcIdKind.OrderBlock, dir > 0 ? 1 : 2, pick),
            Direction = dir,
            Index = pick,
            CreatedAt = t,
            Top = candle.High,
            Bottom = candle.Low,
            TopTie = _ctx.TieOf(candle.High),
            BottomTie = _ctx.TieOf(candle.Low),
            SourceId = swing.Id,
        };
        _active.Add(in zone);
        Reach(in zone);
        CreatedThisBar = zone.Id;
        var d = _ctx.NewDecision(DecisionType.OrderBlockDetected, dir, zone.Id);
        d.Ref0 = swing.Id;
        d.A = zone.Top;
        d.B = zone.Bottom;
        d.C = pick;
        d.D = t;
        d.E = v0 + v1 + v2;
        d.F = pctBp;
        _ctx.Emitter.Emit(ref d);
    }

    /// <summary>The zone with <paramref name="id"/>, or an invalid zone.</summary>
    public Zone Find(long id)
    {
        for (var k = _active.Count - 1; k >= 0; k--)
        {
            if (_active[k].Id == id)
            {
                return _active[k];
            }
        }

        return default;
    }
}
