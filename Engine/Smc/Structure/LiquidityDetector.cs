using IctEngine.Core;
using IctEngine.Smc.Bars;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Equal highs/lows (liquidity pools) with sweeps, the reference's <c>liquidity</c> grouping made causal: each final
/// swing that joins no earlier pool heads one; a later final swing of the same type within the tolerance of a head
/// joins the first such head that was not swept before it. A pool with two members is reported
/// (<see cref="DecisionType.LiquidityDetected"/>), further members as <see cref="DecisionType.EqualHighsLows"/>; the
/// first candle strictly beyond head ± tolerance sweeps it (<see cref="DecisionType.LiquiditySwept"/>). The tolerance is a
/// fraction of ATR (or fixed units) instead of the reference's fraction of the whole data set's range.
/// </summary>
public sealed class LiquidityDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly SwingDetector _swings;
    private readonly Pool[] _pools;
    private int _count;

    // Only an unswept pool can be swept, by a high above its level + tolerance (buy side) or a low below its level −
    // tolerance (sell side). _highReach is the lowest such line over the unswept buy-side pools, _lowReach the
    // highest over the sell-side ones; a bar inside both sweeps nothing, so the scan of every pool is skipped with
    // the same outcome. Removals only leave the bounds loose (an extra scan, which recomputes them).
    private long _highReach = long.MaxValue;
    private long _lowReach = long.MinValue;

    // The earliest bar at which a pool still stored was swept (MaxValue: none): a final swing before it removes
    // nothing, so compaction is skipped.
    private long _firstSweptAt = long.MaxValue;

    public LiquidityDetector(SmcSeriesContext ctx, SwingDetector swings)
    {
        _ctx = ctx;
        _swings = swings;
        _pools = new Pool[ctx.Options.LiquidityCapacity];
    }

    /// <summary>Runs after the swing detector on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        var t = _ctx.Bars.LastIndex;
        ref readonly var bar = ref _ctx.Bars[t];
        if (bar.High > _highReach || bar.Low < _lowReach || ScansEveryBar)
        {
            SweepAll(t, in bar);
        }

        if (_swings.Change == SwingChange.Added && _swings.Previous.IsValid)
        {
            AddFinal(_swings.Previous);
        }
    }

    /// <summary>Scan every pool on every bar (tests prove the bounds skip only bars that sweep nothing).</summary>
    internal bool ScansEveryBar { get; set; }

    /// <summary>The nearest unswept pool level beyond <paramref name="price"/> in <paramref name="direction"/> (+1 above), or 0.</summary>
    public long NearestUnswept(int direction, long price)
    {
        long best = 0;
        for (var k = 0; k < _count; k++)
        {
            ref readonly var p = ref _pools[k];
            if (p.SweptAt >= 0 || p.Type != direction || p.Members < 2)
            {
                continue;
            }

            var level = p.Sum / p.Members;
            if (direction > 0 ? level > price && (best == 0 || level < best) : level < price && (best == 0 || level > best))
            {
                best = level;
            }
        }

        return best;
    }

    private void SweepAll(long t, in Bar bar)
    {
        _highReach = long.MaxValue;
        _lowReach = long.MinValue;
        for (var k = 0; k < _count; k++)
        {
            ref var p = ref _pools[k];
            if (p.SweptAt < 0 && t > p.Index && IsSweep(in p, in bar))
            {
                Sweep(ref p, in bar);
            }
            else
            {
                Reach(in p);
            }
        }
    }

    /// <summary>Narrows the bounds to an unswept pool's sweep line (a swept pool never sweeps again).</summary>
    private void Reach(in Pool p)
    {
        if (p.SweptAt >= 0)
        {
            return;
        }

        if (p.Type > 0)
        {
            _highReach = Math.Min(_highReach, p.Level + p.Tolerance);
        }
        else
        {
            _lowReach = Math.Max(_lowReach, p.Level - p.Tolerance);
        }
    }

    private static bool IsSweep(in Pool p, in Bar bar) =>
        p.Type > 0 ? bar.High > p.Level + p.Tolerance : bar.Low < p.Level - p.Tolerance;

    private void AddFinal(Swing s)
    {
        var tolerance = _ctx.Options.EqualLevelToleranceUnits > 0
            ? _ctx.Options.EqualLevelToleranceUnits
            : _ctx.Atr.Value * _ctx.Options.EqualLevelAtrBp / 10_000;

        // Final swings arrive in index order: pools swept before this swing can take no more members.
        if (_firstSweptAt <= s.Index)
        {
            Compact(s.Index);
        }

        for (var k = 0; k < _count; k++)
        {
            ref var p = ref _pools[k];
            if (p.Type != s.Type || (p.SweptAt >= 0 && s.Index >= p.SweptAt))
            {
                continue;
            }

            if (s.Level >= p.Level - p.Tolerance && s.Level <= p.Level + p.Tolerance)
            {
                p.Members++;
                p.Sum += s.Level;
                p.End = s.Index;
                var d = _ctx.NewDecision(p.Members == 2 ? DecisionType.LiquidityDetected : DecisionType.EqualHighsLows, p.Type, p.Id);
                d.Ref0 = p.HeadId;
                d.Ref1 = s.Id;
                d.A = p.Sum / p.Members;
                d.B = p.Index;
                d.C = p.End;
                d.D = p.Members;
                d.E = p.Sum;
                d.F = p.SweptAt;
                _ctx.Emitter.Emit(ref d);
                return;
            }
        }

        if (_count == _pools.Length)
        {
            Array.Copy(_pools, 1, _pools, 0, _count - 1);
            _count--;
        }

        ref var head = ref _pools[_count++];
        head = new Pool
        {
            Id = _ctx.Id(SmcIdKind.Liquidity, s.Type > 0 ? 1 : 2, s.Index),
            HeadId = s.Id,
            Type = s.Type,
            Index = s.Index,
            Level = s.Level,
            Tolerance = tolerance,
            Members = 1,
            Sum = s.Level,
            End = s.Index,
            SweptAt = -1,
        };

        // The swing is final only now (n+ bars later): a sweep may already have happened.
        var bars = _ctx.Bars;
        for (var j = Math.Max(s.Index + 1, bars.FirstIndex); j <= bars.LastIndex; j++)
        {
            if (IsSweep(in head, in bars[j]))
            {
                head.SweptAt = j;
                _firstSweptAt = Math.Min(_firstSweptAt, j);
                break;
            }
        }

        Reach(in head);
    }

    /// <summary>Forgets the pools swept at or before bar <paramref name="index"/>, keeping the others in order.</summary>
    private void Compact(long index)
    {
        _firstSweptAt = long.MaxValue;
        var w = 0;
        for (var k = 0; k < _count; k++)
        {
            ref readonly var p = ref _pools[k];
            if (p.SweptAt < 0 || p.SweptAt > index)
            {
                if (p.SweptAt >= 0)
                {
                    _firstSweptAt = Math.Min(_firstSweptAt, p.SweptAt);
                }

                if (w != k)
                {
                    _pools[w] = p;
                }

                w++;
            }
        }

        _count = w;
    }

    private void Sweep(ref Pool p, in Bar bar)
    {
        p.SweptAt = bar.Index;
        _firstSweptAt = Math.Min(_firstSweptAt, p.SweptAt);
        if (p.Members < 2)
        {
            return;
        }

        var closedBack = p.Type > 0 ? bar.Close < p.Level : bar.Close > p.Level;
        var d = _ctx.NewDecision(DecisionType.LiquiditySwept, p.Type * (closedBack ? SmcCodes.SweepClosedInside : SmcCodes.SweepClosedBeyond), _ctx.Id(SmcIdKind.Sweep, p.Type > 0 ? 1 : 2, p.Index));
        d.Ref0 = p.Id;
        d.A = p.Sum / p.Members;
        d.B = p.Type > 0 ? bar.High : bar.Low;
        d.C = bar.Index;
        d.D = p.Members;
        _ctx.Emitter.Emit(ref d);
    }

    private struct Pool
    {
        public long Id;
        public long HeadId;
        public int Type;
        public long Index;
        public long Level;
        public long Tolerance;
        public int Members;
        public long Sum;
        public long End;
        public long SweptAt;
    }
}
