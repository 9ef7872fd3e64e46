using IctEngine.Core;

namespace IctEngine.Tests.Support;

/// <summary>Deterministic decisions for journal tests: varied types, symbols and field sizes.</summary>
public static class DecisionSamples
{
    private static readonly DecisionType[] Types =
        [DecisionType.TickRejected, DecisionType.BarClosed, DecisionType.SwingDetected, DecisionType.SignalRaised, DecisionType.OrderFilled];

    public static Decision Make(long n, int symbolId = 0) =>
        new()
        {
            Type = Types[(int)(n % Types.Length)],
            Code = (int)(n % 7),
            SymbolId = symbolId,
            Timeframe = n % 3 == 0 ? 300 : 0,
            TimeNs = 1_399_000_000_000_000_000 + (n * 1_000_000),
            CorrelationId = n,
            CausationId = n > 0 ? n - 1 : 0,
            Id = n * 31,
            Ref0 = n % 5,
            A = 108_000 + (n % 100),
            B = -(n % 50),
            F = n % 2 == 0 ? long.MaxValue : 0,
        };

    public static bool AreEqual(in Decision a, in Decision b) =>
        a.Type == b.Type && a.Code == b.Code && a.SymbolId == b.SymbolId && a.Timeframe == b.Timeframe
        && a.TimeNs == b.TimeNs && a.CorrelationId == b.CorrelationId && a.CausationId == b.CausationId && a.Id == b.Id
        && a.Ref0 == b.Ref0 && a.Ref1 == b.Ref1 && a.Ref2 == b.Ref2
        && a.A == b.A && a.B == b.B && a.C == b.C && a.D == b.D && a.E == b.E && a.F == b.F;
}
