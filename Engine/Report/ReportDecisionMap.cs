using IctEngine.Core;

namespace IctEngine.Report;

/// <summary>
/// Which <see cref="Decision"/> field holds which value, one section per <see cref="DecisionType"/> the report reads.
/// This is the ONE place to adjust when docs/SMC.md, docs/RISK.md or docs/EVENT-STORE.md fix the layout: the builder
/// only calls these functions. Units: prices are fixed-point units of the symbol's digits, money is <see cref="Money"/>
/// micros, volumes are lots in 10^-VolumeDigits units, times are UTC nanoseconds; directions are +1 bullish/long and
/// -1 bearish/short.
/// </summary>
internal static class ReportDecisionMap
{
    // ── BarClosed ───────────────────────────────────────────────────────────────────────────────────────────
    //   SymbolId  symbol            Timeframe  bar length, seconds
    //   TimeNs    close time        F          bar open time (0 → TimeNs − Timeframe)
    //   A B C D   open high low close (price units)
    //   E         tick count
    public static ReportBar Bar(in Decision d, Instrument i)
    {
        var open = d.F != 0 ? d.F : d.TimeNs - (d.Timeframe * Timestamp.NanosPerSecond);
        return new ReportBar(Time(open), d.Timeframe, Px(d.A, i), Px(d.B, i), Px(d.C, i), Px(d.D, i), d.E);
    }

    // ── SwingDetected ───────────────────────────────────────────────────────────────────────────────────────
    //   Id  swing id     B  time of the swing bar (0 → TimeNs)
    //   (Code +1 high / −1 low and A = price are not needed by the report)
    public static (long Id, DateTime Time) Swing(in Decision d) => (d.Id, Time(d.B != 0 ? d.B : d.TimeNs));

    // ── StructureBreak ──────────────────────────────────────────────────────────────────────────────────────
    //   Id    structure id             Code  ±1 BOS, ±2 CHoCH (sign = direction)
    //   TimeNs time of the breaking bar  Timeframe  seconds
    //   A     level (the broken swing's price)
    //   B     broken swing time (0 → look up the swing Ref0 in SwingDetected; else the break time)
    //   Ref0  broken swing id
    public static (ReportStructureBreak Break, long SwingId, bool HasSwingTime) StructureBreak(in Decision d, Instrument i)
    {
        var kind = Math.Abs(d.Code) == 2 ? StructureBreakKind.Choch : StructureBreakKind.Bos;
        var from = Time(d.B != 0 ? d.B : d.TimeNs);
        return (new ReportStructureBreak(d.Id, kind, Math.Sign(d.Code), d.Timeframe, Px(d.A, i), from, Time(d.TimeNs)),
            d.Ref0, d.B != 0);
    }

    // The zone's End is filled by the builder (mitigation time or run end).
    // ── OrderBlockDetected / FairValueGapDetected / BreakerBlockDetected ───────────────────────────────────
    //   Id  zone id        Code  direction ±1       Timeframe  seconds
    //   A   top            B     bottom (price units)
    //   C   zone start: open time of the order-block candle / first FVG candle (0 → TimeNs)
    public static ReportZone Zone(in Decision d, Instrument i, ZoneKind kind)
    {
        var top = Px(Math.Max(d.A, d.B), i);
        var bottom = Px(Math.Min(d.A, d.B), i);
        return new ReportZone(d.Id, kind, Math.Sign(d.Code), d.Timeframe, top, bottom, Time(d.C != 0 ? d.C : d.TimeNs), default, false);
    }

    // ── OrderBlockMitigated / FairValueGapMitigated / StructureInvalidated ─────────────────────────────────
    //   Id  the zone's id      TimeNs  mitigation time (where the shading ends)
    public static (long ZoneId, DateTime Time) ZoneEnd(in Decision d) => (d.Id, Time(d.TimeNs));

    // ── LiquidityDetected / EqualHighsLows ─────────────────────────────────────────────────────────────────
    //   Id  liquidity id   Code  side: +1 buy-side (above highs), −1 sell-side (below lows)   Timeframe  seconds
    //   A   level          C     first time the level formed (0 → TimeNs)
    public static ReportLiquidity Liquidity(in Decision d, Instrument i) =>
        new(d.Id, Math.Sign(d.Code), d.Timeframe, Px(d.A, i), Time(d.C != 0 ? d.C : d.TimeNs), null, null);

    // ── LiquiditySwept ──────────────────────────────────────────────────────────────────────────────────────
    //   Id  the liquidity id   TimeNs  sweep time   A  extreme price of the sweep (0 → the level)
    public static (long LiquidityId, DateTime Time, long PriceUnits) Sweep(in Decision d) => (d.Id, Time(d.TimeNs), d.A);

    // ── SessionEvent ────────────────────────────────────────────────────────────────────────────────────────
    //   Code  session kind (see SessionNames)   A  start time   B  end time (UTC ns)
    public static ReportSession Session(in Decision d) =>
        new(SessionName(d.Code), Time(d.A != 0 ? d.A : d.TimeNs), Time(d.B != 0 ? d.B : d.TimeNs));

    /// <summary>Session kind codes of <see cref="DecisionType.SessionEvent"/>.</summary>
    public static string SessionName(int code) => code switch
    {
        1 => "Asia",
        2 => "London KZ",
        3 => "New York AM KZ",
        4 => "New York PM KZ",
        5 => "London close KZ",
        _ => $"Session {code}",
    };

    // ── SignalRaised ────────────────────────────────────────────────────────────────────────────────────────
    //   Id  signal id   Code  direction ±1   A B C  entry stop target (price units)
    //   Ref0 Ref1 Ref2  the structure ids that justified it (bias, trigger, entry zone; 0 = none)
    public static (long Id, long Stop, long Target, long[] StructureIds) Signal(in Decision d) =>
        (d.Id, d.B, d.C, NonZero(d.Ref0, d.Ref1, d.Ref2));

    // ── PositionOpened ──────────────────────────────────────────────────────────────────────────────────────
    //   Id  position id   Code  side ±1   TimeNs  entry time
    //   A   entry price   B  volume (lots × 10^VolumeDigits)   C  stop   D  target (0 = none)
    //   Ref0  signal id
    public static OpenedPosition Opened(in Decision d) => new(d.Id, d.SymbolId, Math.Sign(d.Code), d.TimeNs, d.A, d.B, d.C, d.D, d.Ref0);

    // ── PositionClosed ──────────────────────────────────────────────────────────────────────────────────────
    //   Id  position id   Code  side ±1   TimeNs  exit time
    //   A   entry price   B  exit price   C  volume   D  realised P&L (Money micros)
    //   E   entry time (0 → from PositionOpened)   Ref0  signal id
    public static ClosedPosition Closed(in Decision d) =>
        new(d.Id, d.SymbolId, Math.Sign(d.Code), d.E, d.TimeNs, d.A, d.B, d.C, d.D, d.Ref0);

    // ── RunStarted (account level, SymbolId −1) ────────────────────────────────────────────────────────────
    //   A  initial balance   B  daily-loss limit   C  max-loss limit (Money micros, 0 = unknown)
    public static (decimal Balance, decimal? DailyLoss, decimal? MaxLoss) RunStarted(in Decision d) =>
        (Money(d.A), d.B != 0 ? Money(d.B) : null, d.C != 0 ? Money(d.C) : null);

    // ── TradingStateChanged (account level) ────────────────────────────────────────────────────────────────
    //   A  balance   B  equity (Money micros; A = 0 means the decision carries no account snapshot)
    public static (bool HasSnapshot, decimal Balance, decimal Equity) AccountSnapshot(in Decision d) =>
        (d.A != 0, Money(d.A), Money(d.B != 0 ? d.B : d.A));

    // ── TickRejected / RiskDenied / OrderRejected ──────────────────────────────────────────────────────────
    //   Code  reason (RejectReason for ticks; the risk and execution reason codes otherwise)
    public static string RejectReasonText(in Decision d) => d.Type switch
    {
        DecisionType.TickRejected => "tick: " + (RejectReason)d.Code,
        DecisionType.RiskDenied => "risk: " + d.Code,
        DecisionType.OrderRejected => "order: " + d.Code,
        _ => d.Type + ": " + d.Code,
    };

    public static decimal Px(long units, Instrument i) => units / (decimal)Core.Price.PowerOfTen(i.Digits);

    public static decimal Lots(long units, Instrument i) => units / (decimal)Core.Price.PowerOfTen(i.VolumeDigits);

    public static decimal Money(long micros) => new Money(micros).ToDecimal();

    public static DateTime Time(long ns) => new Timestamp(ns).ToDateTime();

    private static long[] NonZero(long a, long b, long c) => new[] { a, b, c }.Where(x => x != 0).ToArray();

    /// <summary>A <see cref="DecisionType.PositionOpened"/> in raw units.</summary>
    internal readonly record struct OpenedPosition(
        long Id, int SymbolId, int Side, long TimeNs, long Entry, long Volume, long Stop, long Target, long SignalId);

    /// <summary>A <see cref="DecisionType.PositionClosed"/> in raw units.</summary>
    internal readonly record struct ClosedPosition(
        long Id, int SymbolId, int Side, long EntryTimeNs, long ExitTimeNs, long Entry, long Exit, long Volume, long PnlMicros, long SignalId);
}
