using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Replay;
using IctEngine.Report;
using IctEngine.Risk;
using IctEngine.Smc.Structure;

namespace IctEngine.Tests.Report;

/// <summary>
/// A small hand-built EURUSD M5 morning (2024-03-05 07:00–12:00 UTC, 60 bars) as the pipeline journals it, field by
/// field as docs/SMC.md §6 and docs/RISK.md define the layouts: ids from <see cref="SmcId"/>, codes from
/// <see cref="SmcCodes"/>, <see cref="CloseReason"/>, <see cref="RejectReason"/>, <see cref="RiskDenyReason"/> and
/// <see cref="BrokerRejectCode"/>, bars cited by their series index. A swing low, a rally that breaks the swing high
/// (internal BOS↑) leaving a bullish FVG, a pullback that breaks the last swing low (internal CHoCH↓), a bullish order
/// block mitigated late in the morning, sell-side equal lows that get swept, the London killzone (07:00–10:00 UTC in
/// winter), a winning and a losing long with commissions, a short signal risk denied, tick and broker rejects.
/// </summary>
internal static class ReportScenario
{
    public const string RunId = "run-7";
    public const int Timeframe = 300;
    public const int BarCount = 60;
    private const int Slot = 1; // M5 in the default timeframes (M1, M5, M15, H1, H4, D1)

    public static readonly long ObId = Id(SmcIdKind.OrderBlock, 9);
    public static readonly long FvgId = Id(SmcIdKind.FairValueGap, 34);
    public static readonly long BosId = Id(SmcIdKind.InternalBreak, 35);
    public static readonly long PatternBosId = Id(SmcIdKind.PatternBreak, 35);
    public static readonly long BiasId = SmcId.Make(SymbolId, 3, SmcIdKind.InternalBreak, 0, 4); // an H1 break, not in the scenario
    public static readonly long ChochId = Id(SmcIdKind.InternalBreak, 54);
    public static readonly long LiquidityId = Id(SmcIdKind.Liquidity, 10);
    public static readonly long SessionId = Id(SmcIdKind.Session, 0, sub: 1);
    public static readonly long WinSignal = Id(SmcIdKind.Signal, 36), LossSignal = Id(SmcIdKind.Signal, 44), DeniedSignal = Id(SmcIdKind.Signal, 50);
    public const long WinPosition = 1, LossPosition = 2;

    public static readonly DateTime Start = new(2024, 3, 5, 7, 0, 0, DateTimeKind.Utc);

    // Close prices (units of 10^-5) at the waypoints; bars in between move linearly.
    private static readonly (int Bar, long Close)[] Path =
    [
        (0, 108_500), (10, 108_350), (20, 108_600), (28, 108_450), (40, 108_750), (48, 108_550), (59, 108_340),
    ];

    public static InstrumentCatalog Catalog => InstrumentCatalog.Default;

    public static int SymbolId => Catalog.Get("EURUSD").Id;

    /// <summary>The run's settings (defaults: 100,000 balance, 5 % daily and 10 % max loss, ICT killzones).</summary>
    public static EngineSettings Settings { get; } = new();

    public static DateTime BarTime(int i) => Start.AddMinutes(5 * i);

    /// <summary>Where the charts put bar <paramref name="i"/>: its middle.</summary>
    public static DateTime BarCenter(int i) => BarTime(i).AddMinutes(2.5);

    public static long Ns(DateTime t) => Timestamp.FromDateTime(t).UnixNanoseconds;

    /// <summary>Close time of bar <paramref name="i"/> in ns: when what bar i shows becomes known.</summary>
    public static long CloseNs(int i) => Ns(BarTime(i + 1));

    /// <summary>A builder for the scenario with its run's settings applied.</summary>
    public static ReportModelBuilder NewBuilder(string runId = RunId)
    {
        var builder = new ReportModelBuilder(Catalog, runId);
        builder.Apply(Settings);
        return builder;
    }

    public static long Close(int i)
    {
        for (var k = 1; k < Path.Length; k++)
        {
            if (i <= Path[k].Bar)
            {
                var (b0, c0) = Path[k - 1];
                var (b1, c1) = Path[k];
                return c0 + ((c1 - c0) * (i - b0) / (b1 - b0));
            }
        }

        return Path[^1].Close;
    }

    public static List<Decision> Decisions()
    {
        var list = new List<Decision>();
        for (var i = 0; i < BarCount; i++)
        {
            Structure(list, i);
            var open = i == 0 ? Close(0) + 10 : Close(i - 1);
            var close = Close(i);
            list.Add(At(DecisionType.BarClosed, i) with
            {
                Id = Id(SmcIdKind.Bar, i), Ref0 = i, A = open, B = Math.Max(open, close) + 8, C = Math.Min(open, close) - 8, D = close,
                E = 100 + i, F = Ns(BarTime(i)),
            });
        }

        list.Add(Reject(DecisionType.TickRejected, (int)RejectReason.Spike, 5));
        list.Add(Reject(DecisionType.TickRejected, (int)RejectReason.Spike, 6));
        list.Add(At(DecisionType.SignalRaised, 50) with
        {
            Id = DeniedSignal, Code = -1, Ref0 = BiasId, Ref1 = ChochId, Ref2 = FvgId, A = 108_600, B = 108_640, C = 108_500, D = CloseNs(62), E = 1, F = 2,
        });
        list.Add(Reject(DecisionType.RiskDenied, (int)RiskDenyReason.MaxVolumePerSymbol, 50) with { Id = DeniedSignal, CorrelationId = DeniedSignal });
        list.Add(Reject(DecisionType.OrderRejected, (int)BrokerRejectCode.MarketClosed, 51));
        return list;
    }

    private static long Id(SmcIdKind kind, long barIndex, int sub = 0) => SmcId.Make(SymbolId, Slot, kind, sub, barIndex);

    private static Decision At(DecisionType type, int bar) =>
        new() { Type = type, SymbolId = SymbolId, Timeframe = Timeframe, TimeNs = CloseNs(bar) };

    private static Decision Reject(DecisionType type, int code, int bar) => new() { Type = type, SymbolId = SymbolId, Code = code, TimeNs = CloseNs(bar) };

    /// <summary>Everything decided at the close of bar <paramref name="i"/>, before its BarClosed (as the stage orders them).</summary>
    private static void Structure(List<Decision> list, int i)
    {
        var swingLow10 = Id(SmcIdKind.ShortSwing, 10);
        var swingHigh20 = Id(SmcIdKind.ShortSwing, 20);
        var swingLow28 = Id(SmcIdKind.ShortSwing, 28);
        switch (i)
        {
            case 0:
                // London killzone (window 1 of the ICT defaults) opens with the first bar.
                list.Add(At(DecisionType.SessionEvent, i) with { Code = SmcCodes.SessionOpened, Id = SessionId, Ref0 = 1, A = 108_518, B = 108_492, C = 0, D = 0 });
                break;
            case 11:
                list.Add(At(DecisionType.LiquidityDetected, i) with { Id = LiquidityId, Code = -1, Ref0 = swingLow10, A = 108_350, B = 10, C = 11, D = 2 });
                break;
            case 12:
                list.Add(At(DecisionType.OrderBlockDetected, i) with { Id = ObId, Code = 1, Ref0 = swingLow10, A = 108_390, B = 108_350, C = 9, D = 12 });
                break;
            case 15:
                // A third equal low joins the pool: same id, new mean level.
                list.Add(At(DecisionType.EqualHighsLows, i) with { Id = LiquidityId, Code = -1, Ref0 = swingLow10, A = 108_348, B = 10, C = 15, D = 3 });
                break;
            case 35:
                list.Add(At(DecisionType.StructureBreak, i) with { Id = BosId, Code = SmcCodes.InternalBos, Ref0 = swingHigh20, A = 108_600, B = 20, C = 35 });
                list.Add(At(DecisionType.StructureBreak, i) with { Id = PatternBosId, Code = SmcCodes.PatternBos, Ref0 = swingHigh20, A = 108_600, B = 20, C = 35 });
                break;
            case 36:
                list.Add(At(DecisionType.FairValueGapDetected, i) with { Id = FvgId, Code = SmcCodes.Gap, A = 108_617, B = 108_600, C = 34, D = 40 });
                list.Add(At(DecisionType.SignalRaised, i) with
                {
                    Id = WinSignal, Code = 1, Ref0 = BiasId, Ref1 = BosId, Ref2 = FvgId, A = 108_675, B = 108_635, C = 108_755, D = CloseNs(48), E = 1, F = 2,
                });
                break;
            case 37:
                list.Add(Fill(i, 1, WinPosition, WinSignal, 1, 100, 108_675, 3_000_000));
                list.Add(Opened(i, WinPosition, WinSignal, 1, 100, 108_675, 108_635, 108_755, 3_000_000));
                break;
            case 40:
                list.Add(Fill(i, 0, WinPosition, WinSignal, -1, 100, 108_755, 3_000_000));
                list.Add(Closed(i, CloseReason.TakeProfit, WinPosition, WinSignal, 1, 100, 108_675, 108_755, 80_000_000, 6_000_000));
                break;
            case 44:
                list.Add(At(DecisionType.SignalRaised, i) with
                {
                    Id = LossSignal, Code = 1, Ref0 = BiasId, Ref1 = BosId, Ref2 = ObId, A = 108_650, B = 108_610, C = 108_750, D = CloseNs(56), E = 1, F = 1,
                });
                list.Add(Fill(i, 2, LossPosition, LossSignal, 1, 50, 108_650, 1_500_000));

                // No stop/target on the position: the report takes them from the signal.
                list.Add(Opened(i, LossPosition, LossSignal, 1, 50, 108_650, 0, 0, 1_500_000));
                break;
            case 46:
                list.Add(Fill(i, 0, LossPosition, LossSignal, -1, 50, 108_610, 1_500_000));
                list.Add(Closed(i, CloseReason.StopLoss, LossPosition, LossSignal, 1, 50, 108_650, 108_610, -20_000_000, 3_000_000));
                break;
            case 54:
                list.Add(At(DecisionType.StructureBreak, i) with { Id = ChochId, Code = -SmcCodes.InternalChoch, Ref0 = swingLow28, A = 108_450, B = 28, C = 54 });
                break;
            case 57:
                list.Add(At(DecisionType.OrderBlockMitigated, i) with { Id = ObId, Code = 1, A = 108_390, B = 108_350, C = 57, D = 57 });
                break;
            case 59:
                list.Add(At(DecisionType.LiquiditySwept, i) with
                {
                    Id = Id(SmcIdKind.Sweep, 59), Code = -SmcCodes.SweepClosedInside, Ref0 = LiquidityId, A = 108_348, B = 108_335, C = 59, D = 3,
                });
                break;
        }

        if (i == 36)
        {
            list.Add(At(DecisionType.SessionEvent, i) with { Code = SmcCodes.SessionClosed, Id = SessionId, Ref0 = 1, A = 108_700, B = 108_330, C = 0, D = 36 });
        }
    }

    // docs/RISK.md: OrderFilled Id client order id (0 for SL/TP) · Ref0 signal · Ref1 deal side · Ref2 position · A volume ·
    // B fill price · E commission.
    private static Decision Fill(int bar, long orderId, long position, long signal, long dealSide, long volume, long price, long commission) =>
        new()
        {
            Type = DecisionType.OrderFilled, SymbolId = SymbolId, TimeNs = CloseNs(bar), Id = orderId, Ref0 = signal, Ref1 = dealSide, Ref2 = position,
            A = volume, B = price, C = price, E = commission,
        };

    // PositionOpened: Ref0 signal · Ref1 side · A volume · B entry · C stop-loss · D take-profit · E entry commission.
    private static Decision Opened(int bar, long position, long signal, long side, long volume, long entry, long stop, long target, long commission) =>
        new()
        {
            Type = DecisionType.PositionOpened, SymbolId = SymbolId, TimeNs = CloseNs(bar), Id = position, CausationId = position, Ref0 = signal, Ref1 = side,
            A = volume, B = entry, C = stop, D = target, E = commission,
        };

    // PositionClosed: Code CloseReason · Ref0 signal · Ref1 side · Ref2 initial volume · A last part volume · B entry · C exit ·
    // D total gross P&L · E total commission · F last part P&L.
    private static Decision Closed(int bar, CloseReason reason, long position, long signal, long side, long volume, long entry, long exit, long gross, long commission) =>
        new()
        {
            Type = DecisionType.PositionClosed, SymbolId = SymbolId, TimeNs = CloseNs(bar), Code = (int)reason, Id = position, Ref0 = signal, Ref1 = side,
            Ref2 = volume, A = volume, B = entry, C = exit, D = gross, E = commission, F = gross,
        };
}
