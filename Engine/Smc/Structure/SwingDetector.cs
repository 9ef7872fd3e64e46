using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Smc.Bars;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Causal swing highs/lows with the reference's rules: row i is a candidate high when its high equals the highest
/// high of rows i−(n−1)..i+n (low likewise; high wins), so it is known at the close of bar i+n (confirmation lag n),
/// and only from row 2n−1 on. Consecutive swings of one type keep the most extreme (the earlier on a tie): a more
/// extreme later one invalidates the last swing (<see cref="DecisionType.StructureInvalidated"/>), a less extreme
/// one is dropped. The reference's artificial swings at the first and last rows are not produced (see docs/SMC.md).
/// </summary>
public sealed class SwingDetector
{
    private const int HistoryMask = 15;

    private readonly SmcSeriesContext _ctx;
    private readonly int _length;
    private readonly int _codeMagnitude;
    private readonly SmcIdKind _idKind;
    private readonly Swing[] _history = new Swing[HistoryMask + 1];

    // The highest high and lowest low of the 2n bars ending at the last closed one, i.e. of rows i−(n−1)..i+n for
    // the candidate i = t − n: the same window the reference scans, kept up to date in O(1) per bar.
    private readonly SlidingExtremum _highs;
    private readonly SlidingExtremum _lows;
    private long _tracked = -1;
    private long _count;

    public SwingDetector(SmcSeriesContext ctx, int length, bool isLong)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (ctx.Bars.Capacity < (2 * length) + 2)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The bar capacity is too small for this swing length.");
        }

        _ctx = ctx;
        _length = length;
        _codeMagnitude = isLong ? SmcCodes.LongSwing : SmcCodes.ShortSwing;
        _idKind = isLong ? SmcIdKind.LongSwing : SmcIdKind.ShortSwing;
        _highs = new SlidingExtremum(2 * length, maximum: true);
        _lows = new SlidingExtremum(2 * length, maximum: false);
    }

    public int Length => _length;

    /// <summary>What the last <see cref="OnBar"/> did.</summary>
    public SwingChange Change { get; private set; }

    /// <summary>After <see cref="SwingChange.Added"/>: the swing that became final; after Replaced: the invalidated one.</summary>
    public Swing Previous { get; private set; }

    /// <summary>Swings known so far (final ones plus the last, still replaceable, one).</summary>
    public long Count => _count;

    /// <summary>The k-th most recent swing (0 = the last); k must be below min(Count, 16).</summary>
    public ref readonly Swing FromEnd(int k) => ref _history[(_count - 1 - k) & HistoryMask];

    /// <summary>The most recent swing high, or an invalid swing.</summary>
    public Swing LastHigh => LastOfType(1);

    /// <summary>The most recent swing low, or an invalid swing.</summary>
    public Swing LastLow => LastOfType(-1);

    /// <summary>Runs after the bar at <c>Bars.LastIndex</c> closed.</summary>
    public void OnBar()
    {
        Change = SwingChange.None;
        var bars = _ctx.Bars;
        var t = bars.LastIndex;
        Track(bars, t);
        var i = t - _length;
        if (i < (2 * _length) - 1)
        {
            return;
        }

        // The window i−(n−1)..i+n is always held: i ≥ 2n−1 puts its start at n or later, and the capacity is at
        // least 2n + 2 bars (checked at construction).
        var maxHigh = _highs.Value;
        var minLow = _lows.Value;
        ref readonly var candle = ref bars[i];
        int type;
        long level;
        if (candle.High == maxHigh)
        {
            type = 1;
            level = candle.High;
        }
        else if (candle.Low == minLow)
        {
            type = -1;
            level = candle.Low;
        }
        else
        {
            return;
        }

        var swing = new Swing { Id = _ctx.Id(_idKind, 0, i), Index = i, Type = type, Level = level };
        if (_count > 0)
        {
            ref var last = ref _history[(_count - 1) & HistoryMask];
            if (last.Type == type)
            {
                var moreExtreme = type > 0 ? level > last.Level : level < last.Level;
                if (!moreExtreme)
                {
                    return;
                }

                Previous = last;
                last = swing;
                Change = SwingChange.Replaced;
                var inv = _ctx.NewDecision(DecisionType.StructureInvalidated, (int)DecisionType.SwingDetected, Previous.Id);
                inv.Ref0 = swing.Id;
                inv.A = Previous.Level;
                inv.B = Previous.Index;
                _ctx.Emitter.Emit(ref inv);
                EmitDetected(in swing, t);
                return;
            }

            Previous = last;
        }
        else
        {
            Previous = default;
        }

        _history[_count & HistoryMask] = swing;
        _count++;
        Change = SwingChange.Added;
        EmitDetected(in swing, t);
    }

    /// <summary>Slides the extremum windows to end at bar <paramref name="t"/>.</summary>
    private void Track(BarSeries bars, long t)
    {
        if (t == _tracked + 1)
        {
            ref readonly var bar = ref bars[t];
            _highs.Push(t, bar.High);
            _lows.Push(t, bar.Low);
            _tracked = t;
        }
        else if (t != _tracked)
        {
            Refill(bars, t);
        }
    }

    /// <summary>Bars were added without <see cref="OnBar"/> seeing each: rebuild the windows from the held bars.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill(BarSeries bars, long t)
    {
        _highs.Clear();
        _lows.Clear();
        for (var k = Math.Max(bars.FirstIndex, t - _highs.Window + 1); k <= t; k++)
        {
            ref readonly var bar = ref bars[k];
            _highs.Push(k, bar.High);
            _lows.Push(k, bar.Low);
        }

        _tracked = t;
    }

    private Swing LastOfType(int type)
    {
        var n = (int)Math.Min(_count, 2);
        for (var k = 0; k < n; k++)
        {
            ref readonly var s = ref FromEnd(k);
            if (s.Type == type)
            {
                return s;
            }
        }

        return default;
    }

    private void EmitDetected(in Swing swing, long confirmIndex)
    {
        var d = _ctx.NewDecision(DecisionType.SwingDetected, swing.Type * _codeMagnitude, swing.Id);
        d.Ref0 = swing.Index;
        d.A = swing.Level;
        d.B = confirmIndex;
        d.C = _length;
        _ctx.Emitter.Emit(ref d);
    }
}
