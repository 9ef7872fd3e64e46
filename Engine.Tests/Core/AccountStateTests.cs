using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class AccountStateTests
{
    [Test]
    public void Apply_WholeJournal_RebuildsBalancePositionsAndOrders()
    {
        var rig = new RiskExecutionRig(execution: new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(200) });
        ScriptedMarket.Run(rig, 12_000, seed: 11);
        var rebuilt = new AccountState(InstrumentCatalog.Default, 100_000m);

        foreach (var d in rig.Journal)
        {
            rebuilt.Apply(d);
        }

        Assert.That(rig.Of(DecisionType.PositionClosed), Is.Not.Empty);
        Assert.That(rebuilt.BalanceMicros, Is.EqualTo(rig.Account.BalanceMicros));
        Assert.That(rebuilt.Positions.ToArray().Select(p => (p.Id, p.Volume, p.EntryPrice, p.StopLoss)).OrderBy(p => p.Id),
            Is.EqualTo(rig.Account.Positions.ToArray().Select(p => (p.Id, p.Volume, p.EntryPrice, p.StopLoss)).OrderBy(p => p.Id)));
        Assert.That(rebuilt.Orders.ActiveCount, Is.EqualTo(rig.Account.Orders.ActiveCount));
    }

    [Test]
    public void Close_Partial_KeepsRemainderAndRealisesPart()
    {
        var account = new AccountState(InstrumentCatalog.Default, 1_000m);
        account.OnQuote(0, 110000, 110010);
        account.TryOpen(new Position { Id = 1, SymbolId = 0, Side = 1, Volume = 100, EntryPrice = 110010, CommissionMicros = 3_000_000 });

        var realised = account.Close(0, 40, 110110, 1_200_000);

        Assert.That(realised, Is.EqualTo(Money.FromDecimal(40m).Micros), "100 points × 0.4 lots × $1");
        Assert.That(account.Positions[0].Volume, Is.EqualTo(60));
        Assert.That(account.BalanceMicros, Is.EqualTo(Money.FromDecimal(1_000m - 3m + 40m - 1.2m).Micros));
    }
}
