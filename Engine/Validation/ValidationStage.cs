using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Ticks;
using Serilog;
using Serilog.Events;

namespace IctEngine.Validation;

/// <summary>
/// The first stage on the ring: checks every tick against the rules of its symbol (docs/VALIDATION.md), sets
/// <see cref="EngineEvent.Reject"/>, and queues a <see cref="DecisionType.TickRejected"/> decision per reject and a
/// <see cref="DecisionType.FeedGap"/> decision per gap (a gap is not a reject) on its decision queue, recording how
/// many in <c>Decisions[Validation]</c>. Other events pass untouched. State is per symbol, in arrays indexed by
/// <see cref="Tick.SymbolId"/>; nothing is allocated per tick. Runs on one thread (the ring's contract).
/// </summary>
public sealed class ValidationStage : IEventHandler<EngineEvent>
{
    private static readonly ILogger Logger = Log.ForContext<ValidationStage>();

    private readonly SpscQueue<Decision> _decisions;
    private readonly SymbolState[] _states;
    private readonly MarketHours[] _hours;
    private readonly string[] _symbols;
    private readonly long _logIntervalNs;
    private readonly long[] _nextLogNs;
    private readonly long[] _countAtLastLog;

    public ValidationStage(InstrumentCatalog catalog, ValidationOptions options, SpscQueue<Decision> decisions)
    {
        _decisions = decisions;
        _states = new SymbolState[catalog.Count];
        _hours = new MarketHours[catalog.Count];
        _symbols = new string[catalog.Count];
        for (var id = 0; id < catalog.Count; id++)
        {
            var instrument = catalog[id];
            var rules = options.For(instrument.Symbol);
            ref var s = ref _states[id];
            s.RejectCrossed = rules.RejectCrossed;
            s.RejectLocked = rules.RejectLocked;
            s.MaxSpreadUnits = (long)decimal.Round((rules.MaxSpreadPips ?? instrument.MaxSpreadPips) * instrument.PipUnits);
            s.SpikeBps = rules.SpikeThresholdBps;
            s.SpikeConfirmTicks = rules.SpikeConfirmTicks;
            s.GapLimitNs = rules.GapLimit.Ticks * 100;
            s.PendingConfirmations = -1;
            _hours[id] = rules.MarketHours;
            _symbols[id] = instrument.Symbol;
        }

        var reasons = Enum.GetValues<RejectReason>().Length;
        RejectCounts = new long[reasons];
        _nextLogNs = new long[reasons];
        _countAtLastLog = new long[reasons];
        _logIntervalNs = options.RejectLogInterval.Ticks * 100;
    }

    /// <summary>Rejects so far per <see cref="RejectReason"/> (index), for metrics and the replay summary.</summary>
    public long[] RejectCounts { get; }

    /// <summary>Ticks seen.</summary>
    public long Ticks { get; private set; }

    /// <summary>Ticks accepted.</summary>
    public long Accepted { get; private set; }

    /// <summary>Feed gaps reported.</summary>
    public long Gaps { get; private set; }

    /// <summary>All rejects, whatever the reason.</summary>
    public long Rejected => Ticks - Accepted;

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        if (data.Kind != EngineEventKind.Tick)
        {
            return;
        }

        Ticks++;
        ref readonly var tick = ref data.Tick;
        var queued = 0;
        if ((uint)tick.SymbolId >= (uint)_states.Length)
        {
            data.Reject = RejectReason.UnknownSymbol;
            QueueReject(in tick, sequence, RejectReason.UnknownSymbol, 0, 0);
            data.Decisions[(int)PipelineStage.Validation] = 1;
            return;
        }

        ref var s = ref _states[tick.SymbolId];
        var reason = Check(ref s, in tick, sequence, ref queued, out var c, out var d);
        data.Reject = reason;
        if (reason == RejectReason.None)
        {
            Accepted++;
            s.HasLast = true;
            s.LastTimeNs = tick.TimeNs;
            s.LastBid = tick.Bid;
            s.LastAsk = tick.Ask;
            s.LastBidVolume = tick.BidVolume;
            s.LastAskVolume = tick.AskVolume;
            s.ReferenceMidX2 = tick.Bid + tick.Ask;
        }
        else
        {
            QueueReject(in tick, sequence, reason, c, d);
            queued++;
        }

        data.Decisions[(int)PipelineStage.Validation] = queued;
    }

    /// <summary>Runs the rules in order; returns the first failing one. <paramref name="c"/>/<paramref name="d"/> are decision context.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private RejectReason Check(ref SymbolState s, in Tick tick, long sequence, ref int queued, out long c, out long d)
    {
        c = 0;
        d = 0;
        var bid = tick.Bid;
        var ask = tick.Ask;
        if (bid is long.MaxValue or long.MinValue || ask is long.MaxValue or long.MinValue)
        {
            return RejectReason.NonFinitePrice;
        }

        if (bid <= 0 || ask <= 0)
        {
            return RejectReason.NonPositivePrice;
        }

        if ((bid > ask && s.RejectCrossed) || (bid == ask && s.RejectLocked))
        {
            c = bid - ask;
            d = bid == ask ? 1 : 0;
            return RejectReason.Crossed;
        }

        if (ask - bid > s.MaxSpreadUnits)
        {
            c = ask - bid;
            d = s.MaxSpreadUnits;
            return RejectReason.SpreadTooWide;
        }

        if (!s.HasLast)
        {
            return RejectReason.None;
        }

        var silence = tick.TimeNs - s.LastTimeNs;
        if (silence < 0)
        {
            c = s.LastTimeNs;
            return RejectReason.TimeBackwards;
        }

        if (silence == 0 && bid == s.LastBid && ask == s.LastAsk && tick.BidVolume == s.LastBidVolume && tick.AskVolume == s.LastAskVolume)
        {
            c = s.LastTimeNs;
            return RejectReason.Duplicate;
        }

        if (silence > s.GapLimitNs)
        {
            // A long silence resets the spike reference: the market may reopen anywhere.
            s.PendingConfirmations = -1;
            if (CheckGap(ref s, in tick, sequence, silence))
            {
                queued++;
            }

            return RejectReason.None;
        }

        return s.SpikeConfirmTicks > 0 ? CheckSpike(ref s, bid + ask, out c, out d) : RejectReason.None;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static RejectReason CheckSpike(ref SymbolState s, long midX2, out long c, out long d)
    {
        c = s.ReferenceMidX2;
        d = s.SpikeBps;
        if (!Beyond(midX2, s.ReferenceMidX2, s.SpikeBps))
        {
            s.PendingConfirmations = -1;
            return RejectReason.None;
        }

        // Beyond the threshold from the last accepted mid: a real move if it holds for SpikeConfirmTicks ticks.
        if (s.PendingConfirmations >= 0 && !Beyond(midX2, s.PendingMidX2, s.SpikeBps))
        {
            s.PendingConfirmations++;
            if (s.PendingConfirmations >= s.SpikeConfirmTicks)
            {
                s.PendingConfirmations = -1;
                return RejectReason.None;
            }

            s.PendingMidX2 = midX2;
            return RejectReason.Spike;
        }

        s.PendingMidX2 = midX2;
        s.PendingConfirmations = 0;
        return RejectReason.Spike;
    }

    /// <summary>|value - reference| / reference &gt; bps / 10,000, in exact integer arithmetic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Beyond(long value, long reference, int bps) =>
        (UInt128)(ulong)Math.Abs(value - reference) * 10_000UL > (UInt128)(ulong)reference * (ulong)bps;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool CheckGap(ref SymbolState s, in Tick tick, long sequence, long silence)
    {
        var open = _hours[tick.SymbolId].OpenNanosBetween(s.LastTimeNs, tick.TimeNs);
        if (open <= s.GapLimitNs)
        {
            return false;
        }

        Gaps++;
        ref var decision = ref _decisions.Claim();
        decision.Type = DecisionType.FeedGap;
        decision.SymbolId = tick.SymbolId;
        decision.TimeNs = tick.TimeNs;
        decision.CorrelationId = sequence;
        decision.A = s.LastTimeNs;
        decision.B = silence;
        decision.C = open;
        decision.D = s.GapLimitNs;
        _decisions.Publish();
        if (!Logger.IsEnabled(LogEventLevel.Information))
        {
            return true;
        }

        Logger.Information("Feed gap on {Symbol}: silent {Minutes:F1} min while open, {From} -> {To}",
            _symbols[tick.SymbolId], open / (double)Timestamp.NanosPerMinute,
            new Timestamp(s.LastTimeNs).ToMillisecondString(), new Timestamp(tick.TimeNs).ToMillisecondString());
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void QueueReject(in Tick tick, long sequence, RejectReason reason, long c, long d)
    {
        ref var decision = ref _decisions.Claim();
        decision.Type = DecisionType.TickRejected;
        decision.Code = (int)reason;
        decision.SymbolId = tick.SymbolId;
        decision.TimeNs = tick.TimeNs;
        decision.CorrelationId = sequence;
        decision.A = tick.Bid;
        decision.B = tick.Ask;
        decision.C = c;
        decision.D = d;
        decision.E = (long)tick.Flags;
        _decisions.Publish();
        var count = ++RejectCounts[(int)reason];
        if (tick.TimeNs >= _nextLogNs[(int)reason] && Logger.IsEnabled(LogEventLevel.Warning))
        {
            LogReject(in tick, reason, count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LogReject(in Tick tick, RejectReason reason, long count)
    {
        var symbol = (uint)tick.SymbolId < (uint)_symbols.Length ? _symbols[tick.SymbolId] : tick.SymbolId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Logger.Warning("Rejected {Symbol} tick at {Time} ({Bid}/{Ask}): {Reason}; {Since} {Reason} rejects since the last such message, {Total} in all",
            symbol, new Timestamp(tick.TimeNs).ToMillisecondString(), tick.Bid, tick.Ask, reason, count - _countAtLastLog[(int)reason], reason, count);
        _countAtLastLog[(int)reason] = count;
        _nextLogNs[(int)reason] = tick.TimeNs + _logIntervalNs;
    }

    /// <summary>Per-symbol rule thresholds and the state the rules compare against (the last accepted tick).</summary>
    private struct SymbolState
    {
        public bool RejectCrossed;
        public bool RejectLocked;
        public long MaxSpreadUnits;
        public int SpikeBps;
        public int SpikeConfirmTicks;
        public long GapLimitNs;

        public bool HasLast;
        public long LastTimeNs;
        public long LastBid;
        public long LastAsk;
        public long LastBidVolume;
        public long LastAskVolume;
        public long ReferenceMidX2;

        /// <summary>-1 when no spike candidate is pending, else agreeing ticks seen after it.</summary>
        public int PendingConfirmations;
        public long PendingMidX2;
    }
}
