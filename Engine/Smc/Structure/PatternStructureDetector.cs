using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// BOS/CHoCH as the reference library defines them (its <c>bos_choch</c>): when a swing arrives, the last four swings
/// a, b, c, d form a bullish BOS (lows/highs a&lt;c&lt;b&lt;d), bullish CHoCH (c&lt;a&lt;b&lt;d) or the bearish mirrors; the
/// structure is b's level, and it counts once a later close (from b+2 on) goes beyond it. A break is emitted as
/// <see cref="DecisionType.StructureBreak"/> when both the pattern and the close are known; a later break whose
/// close came at or before an earlier structure's break supersedes it (<see cref="DecisionType.StructureInvalidated"/>),
/// exactly as the reference deletes it.
/// </summary>
public sealed class PatternStructureDetector
{
    private readonly SmcSeriesContext _ctx;
    private readonly SwingDetector _swings;
    private readonly Pending[] _live;
    private int _liveCount;
    private long _lastPatternB = -1;

    public PatternStructureDetector(SmcSeriesContext ctx, SwingDetector swings)
    {
        _ctx = ctx;
        _swings = swings;
        _live = new Pending[ctx.Options.PendingStructureCapacity];
    }

    /// <summary>Runs after the swing detector on the bar at <c>Bars.LastIndex</c>.</summary>
    public void OnBar()
    {
        var bars = _ctx.Bars;
        var t = bars.LastIndex;
        ref readonly var bar = ref bars[t];

        // Existing structures first, in b order, so a same-bar break of an older one is seen before newer ones
        // supersede it (the reference's order).
        for (var k = 0; k < _liveCount; k++)
        {
            ref var p = ref _live[k];
            if (p.BrokenIndex < 0 && IsBreak(in p, bar.Close))
            {
                Break(k, t, t);
            }
        }

        if (_swings.Change != SwingChange.None && _swings.Count >= 4)
        {
            TryPattern(t);
        }

        Prune();
    }

    private void TryPattern(long t)
    {
        ref readonly var d = ref _swings.FromEnd(0);
        ref readonly var c = ref _swings.FromEnd(1);
        ref readonly var b = ref _swings.FromEnd(2);
        ref readonly var a = ref _swings.FromEnd(3);
        if (b.Index <= _lastPatternB)
        {
            return;
        }

        int dir;
        int kind;
        if (a.Type < 0 && b.Type > 0 && c.Type < 0 && d.Type > 0)
        {
            dir = 1;
            if (a.Level < c.Level && c.Level < b.Level && b.Level < d.Level)
            {
                kind = SmcCodes.PatternBos;
            }
            else if (c.Level < a.Level && a.Level < b.Level && b.Level < d.Level)
            {
                kind = SmcCodes.PatternChoch;
            }
            else
            {
                return;
            }
        }
        else if (a.Type > 0 && b.Type < 0 && c.Type > 0 && d.Type < 0)
        {
            dir = -1;
            if (a.Level > c.Level && c.Level > b.Level && b.Level > d.Level)
            {
                kind = SmcCodes.PatternBos;
            }
            else if (c.Level > a.Level && a.Level > b.Level && b.Level > d.Level)
            {
                kind = SmcCodes.PatternChoch;
            }
            else
            {
                return;
            }
        }
        else
        {
            return;
        }

        _lastPatternB = b.Index;
        if (_liveCount == _live.Length)
        {
            DropOldestPending();
        }

        var slot = _liveCount++;
        _live[slot] = new Pending
        {
            Id = _ctx.Id(SmcIdKind.PatternBreak, 0, b.Index),
            SwingId = b.Id,
            SwingIndex = b.Index,
            ConfirmIndex = d.Index,
            PatternBar = t,
            Dir = dir,
            Kind = kind,
            Level = b.Level,
            Tie = _ctx.TieOf(b.Level),
            BrokenIndex = -1,
        };

        // The close that breaks b may already be in the past (from b+2 on): look back through the held bars.
        var bars = _ctx.Bars;
        for (var j = Math.Max(b.Index + 2, bars.FirstIndex); j <= t; j++)
        {
            if (IsBreak(in _live[slot], bars[j].Close))
            {
                Break(slot, j, t);
                return;
            }
        }
    }

    private bool IsBreak(in Pending p, long close) =>
        p.Dir > 0 ? SmcSeriesContext.Above(close, p.Level, p.Tie) : SmcSeriesContext.Below(close, p.Level, p.Tie);

    private void Break(int slot, long j, long t)
    {
        ref var p = ref _live[slot];
        p.BrokenIndex = j;
        p.Emitted = true;
        var d = _ctx.NewDecision(DecisionType.StructureBreak, p.Dir * p.Kind, p.Id);
        d.Ref0 = p.SwingId;
        d.A = p.Level;
        d.B = p.SwingIndex;
        d.C = j;
        d.D = p.ConfirmIndex;
        d.E = p.PatternBar;
        _ctx.Emitter.Emit(ref d);

        // Every earlier live structure that had not broken before j is superseded.
        for (var k = 0; k < _liveCount; k++)
        {
            ref var q = ref _live[k];
            if (q.Deleted || q.SwingIndex >= p.SwingIndex)
            {
                continue;
            }

            if (q.BrokenIndex < 0 || q.BrokenIndex >= j)
            {
                q.Deleted = true;
                if (q.Emitted)
                {
                    var inv = _ctx.NewDecision(DecisionType.StructureInvalidated, (int)DecisionType.StructureBreak, q.Id);
                    inv.Ref0 = p.Id;
                    inv.A = q.Level;
                    inv.B = q.SwingIndex;
                    inv.C = q.BrokenIndex;
                    _ctx.Emitter.Emit(ref inv);
                }
            }
        }
    }

    /// <summary>Forgets structures nothing can change any more: deleted ones, and broken ones older than any future b.</summary>
    private void Prune()
    {
        var minFutureB = _swings.Count >= 3 ? _swings.FromEnd(2).Index : long.MinValue;
        var w = 0;
        for (var k = 0; k < _liveCount; k++)
        {
            ref var p = ref _live[k];
            var dead = p.Deleted || (p.BrokenIndex >= 0 && p.BrokenIndex < minFutureB + 2);
            if (!dead)
            {
                if (w != k)
                {
                    _live[w] = p;
                }

                w++;
            }
        }

        _liveCount = w;
    }

    private void DropOldestPending()
    {
        Array.Copy(_live, 1, _live, 0, _liveCount - 1);
        _liveCount--;
    }

    private struct Pending
    {
        public long Id;
        public long SwingId;
        public long SwingIndex;
        public long ConfirmIndex;
        public long PatternBar;
        public int Dir;
        public int Kind;
        public long Level;
        public int Tie;
        public long BrokenIndex;
        public bool Deleted;
        public bool Emitted;
    }
}
