using IctEngine.Core;
using IctEngine.Smc.Structure;

namespace IctEngine.Smc.Strategy;

/// <summary>
/// The default ICT setup for one symbol (docs/SMC.md "Signals"): bias = direction of the last structure break on the
/// bias timeframe; trigger = a trigger-timeframe CHoCH in the bias direction closing inside a killzone; entry = a limit
/// at the order block (else the fair value gap) the displacement left, only in discount for longs / premium for
/// shorts; stop beyond the zone plus a buffer; target at the opposing liquidity or a fixed R multiple. A raised signal
/// expires after N trigger bars without a touch, and is invalidated if price reaches the target first or structure
/// turns against it.
/// </summary>
public sealed class IctSetupStrategy
{
    /// <summary><see cref="Signal.Setup"/> code of this setup.</summary>
    public const int SetupCode = 1;

    private readonly StrategyOptions _options;
    private readonly SmcSeries _bias;
    private readonly SmcSeries _trigger;
    private readonly SessionDetector? _killzones;
    private readonly SpscQueue<Signal> _signals;
    private readonly long _stopBufferUnits;
    private readonly long _minRiskUnits;
    private readonly long _maxRiskUnits;
    private readonly long _minRrBp;
    private readonly long _fixedRrBp;
    private readonly Signal[] _pending;
    private int _pendingCount;

    public IctSetupStrategy(Instrument instrument, StrategyOptions options, SmcSeries bias, SmcSeries trigger, SessionDetector? killzones, SpscQueue<Signal> signals)
    {
        _options = options;
        _bias = bias;
        _trigger = trigger;
        _killzones = killzones;
        _signals = signals;
        var pip = instrument.PipUnits;
        _stopBufferUnits = (long)(options.StopBufferPips * pip);
        _minRiskUnits = (long)(options.MinRiskPips * pip);
        _maxRiskUnits = (long)(options.MaxRiskPips * pip);
        _minRrBp = (long)(options.MinRewardRisk * 10_000m);
        _fixedRrBp = (long)(options.FixedRewardRisk * 10_000m);
        _pending = new Signal[Math.Max(1, options.MaxPending)];
    }

    /// <summary>Signals raised so far, by direction.</summary>
    public long LongSignals { get; private set; }

    public long ShortSignals { get; private set; }

    /// <summary>Runs after every series of the symbol processed a closed trigger-timeframe bar; returns signals queued.</summary>
    public int OnTriggerBar()
    {
        var ctx = _trigger.Context;
        ref readonly var bar = ref ctx.Bars.Last;
        TrackPending(in bar);
        var brk = _trigger.Internal.LastBreak;
        if (!brk.IsValid || brk.BarIndex != bar.Index || (!brk.IsChoch && !_options.AcceptBos))
        {
            return 0;
        }

        var biasBreak = _options.BiasFromSwingStructure ? _bias.Swing.LastBreak : _bias.Internal.LastBreak;
        if (!biasBreak.IsValid || biasBreak.Direction != brk.Direction)
        {
            return 0;
        }

        if (_options.RequireKillzone && (_killzones is null || !_killzones.InKillzone(bar.OpenTimeNs)))
        {
            return 0;
        }

        var dir = brk.Direction;
        Zone zone = default;
        var ob = _trigger.OrderBlocks.CreatedThisBar != 0 ? _trigger.OrderBlocks.Find(_trigger.OrderBlocks.CreatedThisBar) : default;
        var gapIdx = _trigger.Gaps.Active.FindLatest(dir, brk.SwingIndex);
        var gap = gapIdx >= 0 ? _trigger.Gaps.Active[gapIdx] : default;
        if (ob.IsValid && ob.Direction == dir && (_options.PreferOrderBlock || !gap.IsValid))
        {
            zone = ob;
        }
        else if (gap.IsValid)
        {
            zone = gap;
        }

        if (!zone.IsValid)
        {
            return 0;
        }

        var entry = _options.EntryAtMidpoint ? (zone.Top + zone.Bottom) / 2 : dir > 0 ? zone.Top : zone.Bottom;
        var stop = dir > 0 ? zone.Bottom - _stopBufferUnits : zone.Top + _stopBufferUnits;
        var risk = dir > 0 ? entry - stop : stop - entry;
        if (risk < _minRiskUnits || risk > _maxRiskUnits)
        {
            return 0;
        }

        // Dealing range of the displacement: from the broken swing to now.
        var bars = ctx.Bars;
        long hi = long.MinValue;
        long lo = long.MaxValue;
        for (var k = Math.Max(brk.SwingIndex, bars.FirstIndex); k <= bar.Index; k++)
        {
            hi = Math.Max(hi, bars[k].High);
            lo = Math.Min(lo, bars[k].Low);
        }

        var equilibrium = (hi + lo) / 2;
        if (_options.RequireDiscountPremium && (dir > 0 ? entry > equilibrium : entry < equilibrium))
        {
            return 0;
        }

        var target = 0L;
        if (_options.TargetOpposingLiquidity)
        {
            var pool = _trigger.Liquidity.NearestUnswept(dir, entry);
            var extreme = dir > 0 ? hi : lo;
            var candidate = pool != 0 ? pool : extreme;
            var reward = dir > 0 ? candidate - entry : entry - candidate;
            if (reward * 10_000 >= risk * _minRrBp)
            {
                target = candidate;
            }
        }

        if (target == 0)
        {
            target = dir > 0 ? entry + (risk * _fixedRrBp / 10_000) : entry - (risk * _fixedRrBp / 10_000);
        }

        var id = ctx.Id(SmcIdKind.Signal, dir > 0 ? 1 : 2, bar.Index);
        var signal = new Signal
        {
            Id = id,
            SymbolId = ctx.SymbolId,
            TimeNs = ctx.Emitter.TimeNs,
            Direction = dir,
            Setup = SetupCode,
            IsLimit = true,
            Entry = entry,
            StopLoss = stop,
            TakeProfit = target,
            ExpiresAtNs = bar.EndTimeNs + (_options.ExpiryBars * (long)ctx.TimeframeSeconds * Timestamp.NanosPerSecond),
            Ref0 = biasBreak.Id,
            Ref1 = brk.Id,
            Ref2 = zone.Id,
        };
        _signals.Write(in signal);
        if (_pendingCount == _pending.Length)
        {
            Array.Copy(_pending, 1, _pending, 0, _pendingCount - 1);
            _pendingCount--;
        }

        _pending[_pendingCount++] = signal;
        if (dir > 0)
        {
            LongSignals++;
        }
        else
        {
            ShortSignals++;
        }

        var d = ctx.NewDecision(DecisionType.SignalRaised, dir, id);
        d.Ref0 = signal.Ref0;
        d.Ref1 = signal.Ref1;
        d.Ref2 = signal.Ref2;
        d.A = entry;
        d.B = stop;
        d.C = target;
        d.D = signal.ExpiresAtNs;
        d.E = SetupCode;
        d.F = zone.Id == ob.Id && ob.IsValid ? 1 : 2;
        ctx.Emitter.Emit(ref d);
        return 1;
    }

    private void TrackPending(in Bars.Bar bar)
    {
        var ctx = _trigger.Context;
        for (var k = 0; k < _pendingCount; k++)
        {
            ref var s = ref _pending[k];
            if (s.TimeNs >= bar.EndTimeNs)
            {
                continue; // raised on this very bar
            }

            var touched = s.Direction > 0 ? bar.Low <= s.Entry : bar.High >= s.Entry;
            DecisionType outcome;
            if (touched)
            {
                outcome = DecisionType.None; // the limit would fill: risk and execution own it from here
            }
            else if (s.Direction > 0 ? bar.High >= s.TakeProfit : bar.Low <= s.TakeProfit)
            {
                outcome = DecisionType.SignalInvalidated;
            }
            else if (_trigger.Internal.LastBreak.BarIndex == bar.Index && _trigger.Internal.LastBreak.Direction == -s.Direction)
            {
                outcome = DecisionType.SignalInvalidated;
            }
            else if (bar.EndTimeNs >= s.ExpiresAtNs)
            {
                outcome = DecisionType.SignalExpired;
            }
            else
            {
                continue;
            }

            if (outcome != DecisionType.None)
            {
                var d = ctx.NewDecision(outcome, s.Direction, s.Id);
                d.Ref0 = s.Ref1;
                d.Ref1 = s.Ref2;
                d.A = s.Entry;
                d.B = bar.Index;
                ctx.Emitter.Emit(ref d);
            }

            Array.Copy(_pending, k + 1, _pending, k, _pendingCount - k - 1);
            _pendingCount--;
            k--;
        }
    }
}
