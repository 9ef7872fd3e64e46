using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Risk;
using IctEngine.Smc.Structure;

namespace IctEngine.Report;

/// <summary>
/// Which <see cref="Decision"/> field holds which value, one section per <see cref="DecisionType"/> the report reads,
/// exactly as docs/SMC.md §6 and docs/RISK.md ("Decisions: field meanings") define them. This is the ONE place to
/// adjust when a stage changes its layout: the builder only calls these functions. SMC decisions name bars by their
/// index in the symbol/timeframe series; the builder turns a <see cref="BarRef"/> into a time with the journaled
/// <see cref="DecisionType.BarClosed"/> decisions (Ref0 = index, F = open time). Units: prices are fixed-point units of
/// the symbol's digits, money is <see cref="Money"/> micros, volumes are lots in 10^-VolumeDigits units, times UTC ns.
/// </summary>
internal static class ReportDecisionMap
{
    // ── BarClosed ── Ref0 index · A B C D open high low close · E tick count · F open time (ns)
    public static ReportBar Bar(in Decision d, Instrument i) =>
        new(Time(BarOpenNs(d)), d.Timeframe, Px(d.A, i), Px(d.B, i), Px(d.C, i), Px(d.D, i), d.E);

    public static long BarIndex(in Decision d) => d.Ref0;

    public static long BarOpenNs(in Decision d) => d.F != 0 ? d.F : d.TimeNs - (d.Timeframe * Timestamp.NanosPerSecond);

    // ── StructureBreak ── Code ±1/±2 pattern, ±11/±12 internal, ±21/±22 swing BOS/CHoCH (SmcCodes) · Ref0 broken
    //    swing id · A level · B swing index · C breaking index. Emitted at the close of the breaking bar.
    public static RawBreak StructureBreak(in Decision d, Instrument i)
    {
        var m = Math.Abs(d.Code);
        var kind = m is SmcCodes.PatternChoch or SmcCodes.InternalChoch or SmcCodes.SwingChoch ? StructureBreakKind.Choch : StructureBreakKind.Bos;
        var scope = m is SmcCodes.PatternBos or SmcCodes.PatternChoch ? StructureScope.Pattern
            : m is SmcCodes.SwingBos or SmcCodes.SwingChoch ? StructureScope.Swing
            : StructureScope.Internal;
        var brk = new ReportStructureBreak(d.Id, kind, Math.Sign(d.Code), d.Timeframe, Px(d.A, i), default, default) { Scope = scope };
        return new RawBreak(brk, Ref(d, d.B, d.C), Ref(d, d.C, d.C));
    }

    // ── OrderBlockDetected ── Code ±1 · Ref0 swing id · A top · B bottom · C OB candle index · D breaking index
    // ── FairValueGapDetected ── Code ±1, ±2 merged · Ref0 merged-from id · A top · B bottom · C middle index
    // ── BreakerBlockDetected ── Code ∓1 · Ref0 the OB's id · A top · B bottom · C retest index
    public static RawZone Zone(in Decision d, Instrument i, ZoneKind kind)
    {
        var zone = new ReportZone(d.Id, kind, Math.Sign(d.Code), d.Timeframe, Px(Math.Max(d.A, d.B), i), Px(Math.Min(d.A, d.B), i),
            default, default, false);
        var current = kind switch { ZoneKind.OrderBlock => d.D, ZoneKind.FairValueGap => d.C + 1, _ => d.C };
        return new RawZone(zone, Ref(d, d.C, current), kind == ZoneKind.BreakerBlock ? d.Ref0 : 0);
    }

    // ── OrderBlockMitigated ── Id OB id · D mitigating index
    // ── FairValueGapMitigated ── Id FVG id · C mitigating index
    // ── StructureInvalidated ── Code = the DecisionType of what is invalidated: 103 order block erased (Id OB id, C
    //    erasing index: ends the OB's breaker), 105 fair value gap merged (Id FVG id), 102 pattern break superseded
    //    (Id break id), 101 swing replaced (ignored).
    public static ZoneEnd? ZoneEndOf(in Decision d) => d.Type switch
    {
        DecisionType.OrderBlockMitigated => new ZoneEnd(d.Id, Ref(d, d.D, d.D), ZoneEndKind.Mitigated),
        DecisionType.FairValueGapMitigated => new ZoneEnd(d.Id, Ref(d, d.C, d.C), ZoneEndKind.Mitigated),
        DecisionType.StructureInvalidated when d.Code == (int)DecisionType.OrderBlockDetected =>
            new ZoneEnd(d.Id, Ref(d, d.C, d.C), ZoneEndKind.BreakerOfOrderBlockErased),
        DecisionType.StructureInvalidated when d.Code == (int)DecisionType.FairValueGapDetected =>
            new ZoneEnd(d.Id, new BarRef(d.SymbolId, d.Timeframe, -1, d.TimeNs), ZoneEndKind.Merged),
        _ => null,
    };

    /// <summary>StructureInvalidated of a pattern break: the id of the superseded break (drawn no more), else 0.</summary>
    public static long SupersededBreak(in Decision d) =>
        d.Type == DecisionType.StructureInvalidated && d.Code == (int)DecisionType.StructureBreak ? d.Id : 0;

    // ── LiquidityDetected / EqualHighsLows ── Id pool id (the same for every member) · Code ±1 side · A mean level ·
    //    B head index · C end index · D members
    public static (ReportLiquidity Level, BarRef Start, long Members) Liquidity(in Decision d, Instrument i) =>
        (new ReportLiquidity(d.Id, Math.Sign(d.Code), d.Timeframe, Px(d.A, i), default, null, null), Ref(d, d.B, d.C), d.D);

    // ── LiquiditySwept ── Code ±1 run (closed beyond), ±2 grab (closed back inside) · Ref0 pool id · A mean level ·
    //    B sweeping high/low · C sweeping index
    public static RawSweep Sweep(in Decision d) =>
        new(d.Ref0, Ref(d, d.C, d.C), d.B, Math.Abs(d.Code) == SmcCodes.SweepClosedInside);

    // ── SessionEvent ── Code 1 opened / 2 closed / 3 period started (SmcCodes) · Id session id (same for open and
    //    close) · Ref0 window index into SmcOptions.Sessions · A high · B low · C open index · D index (closed: the
    //    first bar outside the window)
    public static RawSessionEvent Session(in Decision d) => Math.Abs(d.Code) switch
    {
        SmcCodes.SessionOpened => new RawSessionEvent(d.Id, (int)d.Ref0, true, Ref(d, d.C, d.D)),
        SmcCodes.SessionClosed => new RawSessionEvent(d.Id, (int)d.Ref0, false, Ref(d, d.D, d.D)),
        _ => new RawSessionEvent(0, -1, false, default),
    };

    // ── SignalRaised ── Id signal id · Code ±1 · Ref0 bias break · Ref1 trigger · Ref2 entry zone · A entry ·
    //    B stop · C target · D expiry ns · E setup · F zone kind (1 OB, 2 FVG)
    public static (long Id, long Stop, long Target, long[] StructureIds, long Bias, long Trigger, long Zone) Signal(in Decision d) =>
        (d.Id, d.B, d.C, NonZero(d.Ref0, d.Ref1, d.Ref2), d.Ref0, d.Ref1, d.Ref2);

    /// <summary>
    /// What a decision says about a signal's fate: (signal id, outcome) for RiskDenied (Id = signal id, Code
    /// RiskDenyReason), SignalExpired / SignalInvalidated (Id = signal id), OrderExpired (CorrelationId = signal id) and
    /// PositionOpened (Ref0 = signal id); null otherwise.
    /// </summary>
    public static (long SignalId, string Outcome)? SignalOutcome(in Decision d) => d.Type switch
    {
        DecisionType.RiskDenied => (d.Id, "denied: " + (RiskDenyReason)d.Code),
        DecisionType.SignalExpired => (d.Id, "expired"),
        DecisionType.SignalInvalidated => (d.Id, "invalidated"),
        DecisionType.OrderExpired => (d.CorrelationId, "order expired"),
        DecisionType.PositionOpened => (d.Ref0, "traded"),
        _ => null,
    };

    // ── PositionOpened ── Id position id · Ref0 signal id · Ref1 side ±1 · A volume · B entry price · C stop-loss ·
    //    D take-profit · E entry commission · TimeNs the fill time
    public static OpenedPosition Opened(in Decision d) =>
        new(d.Id, d.SymbolId, Math.Sign(d.Ref1), d.TimeNs, d.B, d.A, d.C, d.D, d.Ref0);

    // ── PositionClosed ── Code CloseReason · Id position id · Ref0 signal id · Ref1 side · Ref2 initial volume ·
    //    A volume of the last part · B entry price · C exit price · D total realised P&L (gross) · E total commission ·
    //    F realised P&L of the last part. Net result = D − E.
    public static ClosedPosition Closed(in Decision d) =>
        new(d.Id, d.SymbolId, Math.Sign(d.Ref1), d.TimeNs, d.B, d.C, d.Ref2 != 0 ? d.Ref2 : d.A, d.D - d.E, d.Ref0, (CloseReason)d.Code);

    /// <summary>
    /// How a decision moves the balance (docs/RISK.md): initial − every OrderFilled.E (commission) + every
    /// PositionChanged.D (partial close, Code 1) + every PositionClosed.F (last part). 0 for anything else.
    /// </summary>
    public static long BalanceChangeMicros(in Decision d) => d.Type switch
    {
        DecisionType.OrderFilled => -d.E,
        DecisionType.PositionChanged when d.Code == 1 => d.D,
        DecisionType.PositionClosed => d.F,
        _ => 0,
    };

    // ── TradingStateChanged ── C equity · D balance · E day-start balance
    // ── LimitBreached ── A equity · C day-start balance · D balance
    public static AccountSnapshot? Snapshot(in Decision d) => d.Type switch
    {
        DecisionType.TradingStateChanged => new AccountSnapshot(d.TimeNs, d.D, d.C, d.E),
        DecisionType.LimitBreached => new AccountSnapshot(d.TimeNs, d.D, d.A, d.C),
        _ => null,
    };

    // ── TickRejected Code RejectReason · RiskDenied Code RiskDenyReason · OrderRejected Code BrokerRejectCode
    public static string RejectReasonText(in Decision d) => d.Type switch
    {
        DecisionType.TickRejected => "tick: " + (RejectReason)d.Code,
        DecisionType.RiskDenied => "risk: " + (RiskDenyReason)d.Code,
        DecisionType.OrderRejected => "order: " + (BrokerRejectCode)d.Code,
        _ => d.Type + ": " + d.Code,
    };

    public static decimal Px(long units, Instrument i) => units / (decimal)Core.Price.PowerOfTen(i.Digits);

    public static decimal Lots(long units, Instrument i) => units / (decimal)Core.Price.PowerOfTen(i.VolumeDigits);

    public static decimal Money(long micros) => new Money(micros).ToDecimal();

    public static DateTime Time(long ns) => new Timestamp(ns).ToDateTime();

    /// <summary>
    /// Bar <paramref name="index"/>, with an estimate of its open time for series whose bars are not journaled (M1):
    /// the decision was made at the close of bar <paramref name="current"/>, so count back whole bars from there
    /// (exact unless the market paused in between).
    /// </summary>
    private static BarRef Ref(in Decision d, long index, long current) =>
        new(d.SymbolId, d.Timeframe, index, d.TimeNs - ((1 + Math.Max(0, current - index)) * d.Timeframe * Timestamp.NanosPerSecond));

    private static long[] NonZero(long a, long b, long c) => new[] { a, b, c }.Where(x => x != 0).ToArray();

    /// <summary>A bar named by its series index; <see cref="FallbackNs"/> when no BarClosed of that index was journaled.</summary>
    internal readonly record struct BarRef(int SymbolId, int Timeframe, long Index, long FallbackNs);

    internal readonly record struct RawBreak(ReportStructureBreak Break, BarRef Swing, BarRef Breaking);

    internal readonly record struct RawZone(ReportZone Zone, BarRef Start, long OrderBlockId);

    internal readonly record struct ZoneEnd(long Id, BarRef Bar, ZoneEndKind Kind);

    internal enum ZoneEndKind
    {
        Mitigated,
        Merged,
        BreakerOfOrderBlockErased,
    }

    internal readonly record struct RawSweep(long PoolId, BarRef Bar, long PriceUnits, bool Grab);

    internal readonly record struct RawSessionEvent(long Id, int Window, bool Opened, BarRef Bar);

    internal readonly record struct AccountSnapshot(long TimeNs, long BalanceMicros, long EquityMicros, long DayStartMicros);

    /// <summary>A <see cref="DecisionType.PositionOpened"/> in raw units.</summary>
    internal readonly record struct OpenedPosition(
        long Id, int SymbolId, int Side, long TimeNs, long Entry, long Volume, long Stop, long Target, long SignalId);

    /// <summary>A <see cref="DecisionType.PositionClosed"/> in raw units; <see cref="NetMicros"/> is after commission.</summary>
    internal readonly record struct ClosedPosition(
        long Id, int SymbolId, int Side, long ExitTimeNs, long Entry, long Exit, long Volume, long NetMicros, long SignalId, CloseReason Reason);
}
