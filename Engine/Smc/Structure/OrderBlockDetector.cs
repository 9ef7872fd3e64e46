using IctEngine.Core;

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

    private void Update(long t)
    {
        ref readonly var bar = ref _ctx.Bars[t];
        for (var k = 0; k < _active.Count; k++)
        {
            ref var z = ref _active[k];
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
                    _active.RemoveAt(k);
                    k--;
                    continue;
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

                continue;
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
