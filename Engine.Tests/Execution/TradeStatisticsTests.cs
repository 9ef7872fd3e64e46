using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Execution;

[TestFixture]
public sealed class TradeStatisticsTests
{
    private const long Second = 1_000_000_000L;
    private static readonly long T0 = RiskExecutionRig.Monday;

    [Test]
    public void FromDecisions_OneWinOneLoss_ReportsRateProfitAndDrawdown()
    {
        var rig = new RiskExecutionRig();
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09810m, 1.10410m), T0);
        rig.Tick("EURUSD", T0 + 1, 1.10000m, 1.10010m);
        rig.Tick("EURUSD", T0 + Second, 1.10410m, 1.10420m);
        rig.Signal(rig.Market(2, "EURUSD", 1, T0 + (2 * Second), 1.10210m), T0 + (2 * Second));
        rig.Tick("EURUSD", T0 + (3 * Second), 1.10410m, 1.10420m);
        rig.Tick("EURUSD", T0 + (4 * Second), 1.10200m, 1.10210m);

        var stats = TradeStatistics.FromDecisions(rig.Journal);

        Assert.That(stats.Trades, Is.EqualTo(2));
        Assert.That(stats.Wins, Is.EqualTo(1));
        Assert.That(stats.WinRate, Is.EqualTo(0.5m));
        Assert.That(stats.Approved, Is.EqualTo(2));
        Assert.That(stats.FillRatio, Is.EqualTo(1m));

        // Win: +400 points × 2.5 lots − $15 commission. Loss: sized on the new equity, $504.93 over a 210-point stop
        // = 2.40 lots; the stop fills at the bid, 220 points below the ask entry, − $14.40 commission.
        var win = 1000m - 15m;
        var loss = (-220m * 2.40m) - 14.4m;
        Assert.That(stats.NetProfit.ToDecimal(), Is.EqualTo(win + loss));
        Assert.That(stats.FinalBalance.Micros, Is.EqualTo(rig.Account.BalanceMicros));
        Assert.That(stats.MaxDrawdown.ToDecimal(), Is.EqualTo(-loss), "from the peak after the win to the loss");
    }

    [Test]
    public void FromDecisions_ScriptedMarket_AgreesWithTheLiveAccount()
    {
        var rig = new RiskExecutionRig(execution: new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(300), SlippagePoints = 1 });
        ScriptedMarket.Run(rig, 15_000, seed: 7);

        var stats = TradeStatistics.FromDecisions(rig.Journal);

        Assert.That(stats.Trades, Is.EqualTo(rig.Of(DecisionType.PositionClosed).Count));
        Assert.That(stats.Trades, Is.GreaterThan(0));
        Assert.That(stats.FinalBalance.Micros, Is.EqualTo(rig.Account.BalanceMicros), "the journal alone rebuilds the balance");
        Assert.That(stats.LatencyP50, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300)));
        Assert.That(stats.FillRatio, Is.GreaterThan(0m).And.LessThanOrEqualTo(1m));
        Assert.That(stats.MaxSlippagePoints, Is.GreaterThanOrEqualTo(1));
    }
}
