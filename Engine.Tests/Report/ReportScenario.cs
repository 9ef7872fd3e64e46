using IctEngine.Core;

namespace IctEngine.Tests.Report;

/// <summary>
/// A small hand-built EURUSD M5 morning (2024-03-05 07:00–12:00 UTC, 60 bars) as the pipeline would journal it:
/// a swing low, a rally that breaks the swing high (BOS↑) leaving a bullish FVG, a pullback that breaks the last
/// swing low (CHoCH↓), a bullish order block mitigated late in the morning, sell-side liquidity that gets swept,
/// the London killzone, a winning and a losing long, tick and risk rejects. Field layouts follow ReportDecisionMap.
/// </summary>
internal static class ReportScenario
{
    public const string RunId = "run-7";
    public const int Timeframe = 300;
    public const int BarCount = 60;
    public const long ObId = 10, FvgId = 11, BosId = 20, ChochId = 21, LiquidityId = 30;
    public const long WinSignal = 40, LossSignal = 41, WinPosition = 50, LossPosition = 51;

    public static readonly DateTime Start = new(2024, 3, 5, 7, 0, 0, DateTimeKind.Utc);

    // Close prices (units of 10^-5) at the waypoints; bars in between move linearly.
    private static readonly (int Bar, long Close)[] Path =
    [
        (0, 108_500), (10, 108_350), (20, 108_600), (28, 108_450), (40, 108_750), (48, 108_550), (59, 108_340),
    ];

    public static InstrumentCatalog Catalog => InstrumentCatalog.Default;

    public static int SymbolId => Catalog.Get("EURUSD").Id;

    public static DateTime BarTime(int i) => Start.AddMinutes(5 * i);

    public static long Ns(DateTime t) => Timestamp.FromDateTime(t).UnixNanoseconds;

    /// <summary>Close time of bar <paramref name="i"/> in ns (what BarClosed and breaks carry as TimeNs).</summary>
    public static long CloseNs(int i) => Ns(BarTime(i + 1));

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
        var s = SymbolId;
        var list = new List<Decision>
        {
            new() { Type = DecisionType.RunStarted, SymbolId = -1, TimeNs = Ns(Start), A = 100_000_000_000, B = 5_000_000_000, C = 10_000_000_000 },
            new() { Type = DecisionType.SessionEvent, SymbolId = s, Code = 2, TimeNs = Ns(Start), A = Ns(Start), B = Ns(Start.AddHours(3)) },
        };

        for (var i = 0; i < BarCount; i++)
        {
            var open = i == 0 ? Close(0) + 10 : Close(i - 1);
            var close = Close(i);
            list.Add(new Decision
            {
                Type = DecisionType.BarClosed, SymbolId = s, Timeframe = Timeframe, TimeNs = CloseNs(i), F = Ns(BarTime(i)),
                A = open, B = Math.Max(open, close) + 8, C = Math.Min(open, close) - 8, D = close, E = 100 + i,
            });
            Structure(list, i, s);
        }

        list.Add(Reject(DecisionType.TickRejected, (int)RejectReason.Spike, 5));
        list.Add(Reject(DecisionType.TickRejected, (int)RejectReason.Spike, 6));
        list.Add(Reject(DecisionType.RiskDenied, 3, 50));
        return list;

        Decision Reject(DecisionType type, int code, int bar) => new() { Type = type, SymbolId = s, Code = code, TimeNs = CloseNs(bar) };
    }

    /// <summary>Everything decided at the close of bar <paramref name="i"/>.</summary>
    private static void Structure(List<Decision> list, int i, int s)
    {
        Decision At(DecisionType type) => new() { Type = type, SymbolId = s, Timeframe = Timeframe, TimeNs = CloseNs(i) };
        switch (i)
        {
            case 11:
                list.Add(At(DecisionType.SwingDetected) with { Id = 1, Code = -1, A = Close(10), B = Ns(BarTime(10)) });
                list.Add(At(DecisionType.LiquidityDetected) with { Id = LiquidityId, Code = -1, A = 108_350, C = Ns(BarTime(10)) });
                break;
            case 12:
                list.Add(At(DecisionType.OrderBlockDetected) with { Id = ObId, Code = 1, A = 108_390, B = 108_350, C = Ns(BarTime(9)) });
                break;
            case 21:
                list.Add(At(DecisionType.SwingDetected) with { Id = 2, Code = 1, A = Close(20), B = Ns(BarTime(20)) });
                break;
            case 29:
                list.Add(At(DecisionType.SwingDetected) with { Id = 3, Code = -1, A = Close(28), B = Ns(BarTime(28)) });
                break;
            case 35:
                // B = 0: the broken swing's time comes from SwingDetected #2.
                list.Add(At(DecisionType.StructureBreak) with { Id = BosId, Code = 1, A = 108_600, Ref0 = 2 });
                break;
            case 36:
                list.Add(At(DecisionType.FairValueGapDetected) with { Id = FvgId, Code = 1, A = 108_617, B = 108_600, C = Ns(BarTime(34)) });
                list.Add(At(DecisionType.SignalRaised) with { Id = WinSignal, Code = 1, A = 108_675, B = 108_635, C = 108_755, Ref0 = BosId, Ref2 = FvgId });
                break;
            case 37:
                list.Add(At(DecisionType.PositionOpened) with { Id = WinPosition, Code = 1, A = 108_675, B = 100, C = 108_635, D = 108_755, Ref0 = WinSignal });
                break;
            case 40:
                list.Add(At(DecisionType.PositionClosed) with { Id = WinPosition, Code = 1, A = 108_675, B = 108_755, C = 100, D = 80_000_000, Ref0 = WinSignal });
                break;
            case 44:
                // No stop/target on the position: they come from the signal.
                list.Add(At(DecisionType.SignalRaised) with { Id = LossSignal, Code = 1, A = 108_650, B = 108_610, C = 108_750, Ref0 = BosId, Ref2 = ObId });
                list.Add(At(DecisionType.PositionOpened) with { Id = LossPosition, Code = 1, A = 108_650, B = 50, Ref0 = LossSignal });
                break;
            case 46:
                list.Add(At(DecisionType.PositionClosed) with { Id = LossPosition, Code = 1, A = 108_650, B = 108_610, C = 50, D = -20_000_000, Ref0 = LossSignal });
                break;
            case 54:
                list.Add(At(DecisionType.StructureBreak) with { Id = ChochId, Code = -2, A = 108_450, Ref0 = 3, B = Ns(BarTime(28)) });
                break;
            case 57:
                list.Add(At(DecisionType.OrderBlockMitigated) with { Id = ObId });
                break;
            case 59:
                list.Add(At(DecisionType.LiquiditySwept) with { Id = LiquidityId, A = 108_335 });
                break;
        }
    }
}
