using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Ticks;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Execution;

[TestFixture]
public sealed class ReconcilerTests
{
    private const long Second = 1_000_000_000L;
    private static readonly long T0 = RiskExecutionRig.Monday;

    /// <summary>Runs until a market order is in flight (sent, not yet filled: 500 ms latency), then "crashes".</summary>
    private static (RiskExecutionRig Rig, long OrderId) CrashWithOrderInFlight()
    {
        var rig = new RiskExecutionRig(execution: new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(500) });
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Signal(rig.Market(9, "EURUSD", 1, T0, 1.09810m), T0);
        var order = rig.Of(DecisionType.OrderSubmitted).Single();
        Assert.That(rig.Of(DecisionType.OrderFilled), Is.Empty);
        return (rig, order.Id);
    }

    private static AccountState Rebuild(IEnumerable<Decision> journal)
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        foreach (var d in journal)
        {
            account.Apply(d);
        }

        return account;
    }

    private static List<Decision> Drain(SpscQueue<Decision> queue)
    {
        var list = new List<Decision>();
        while (queue.TryRead(out var d))
        {
            list.Add(d);
        }

        return list;
    }

    [Test]
    public void Reconcile_OrderFilledWhileDown_AdoptsPositionWithoutResending()
    {
        var (rig, orderId) = CrashWithOrderInFlight();

        // The broker lives on and fills the order; the reports die with the process.
        rig.Broker.OnTick(new Tick(T0 + Second, 110020, 110030, rig.Id("EURUSD")));
        while (rig.Broker.TryReadReport(out _))
        {
        }

        var account = Rebuild(rig.Journal);
        Assert.That(account.Orders.StatusOf(orderId), Is.EqualTo(OrderStatus.Submitted));
        Assert.That(account.PositionCount, Is.Zero);
        var decisions = new SpscQueue<Decision>(64);
        var differences = new Reconciler(account, rig.Broker, decisions).Reconcile(T0 + (60 * Second));
        var journaled = Drain(decisions);

        Assert.That(differences, Is.EqualTo(2));
        Assert.That(journaled.Select(d => (ReconciliationKind)d.Code),
            Is.EqualTo(new[] { ReconciliationKind.PositionMissingLocally, ReconciliationKind.OrderFilledWhileAway }));
        Assert.That(account.PositionCount, Is.EqualTo(1));
        Assert.That(account.Positions[0].Id, Is.EqualTo(orderId));
        Assert.That(account.Positions[0].EntryPrice, Is.EqualTo(110030));
        Assert.That(account.Positions[0].SignalId, Is.EqualTo(9));
        Assert.That(account.Orders.StatusOf(orderId), Is.EqualTo(OrderStatus.Filled));
        Assert.That(rig.Broker.SubmittedCount, Is.EqualTo(1), "nothing was sent twice");

        var again = Rebuild(rig.Journal.Concat(journaled));
        Assert.That(again.Positions.ToArray(), Is.EqualTo(account.Positions.ToArray()).Using<Position>((a, b) => a.Id == b.Id && a.Volume == b.Volume));
        Assert.That(new Reconciler(again, rig.Broker, decisions).Reconcile(T0 + (61 * Second)), Is.Zero, "reconciled state is stable");
    }

    [Test]
    public void Reconcile_OrderNeverReachedBroker_CancelledNotResent()
    {
        var (rig, orderId) = CrashWithOrderInFlight();
        var freshBroker = new SimulatedBroker(new ExecutionOptions(), InstrumentCatalog.Default);

        var account = Rebuild(rig.Journal);
        var decisions = new SpscQueue<Decision>(64);
        new Reconciler(account, freshBroker, decisions).Reconcile(T0 + Second);

        Assert.That((ReconciliationKind)Drain(decisions).Single().Code, Is.EqualTo(ReconciliationKind.OrderMissingAtBroker));
        Assert.That(account.Orders.StatusOf(orderId), Is.EqualTo(OrderStatus.Cancelled));
        Assert.That(freshBroker.SubmittedCount, Is.Zero);
    }

    [Test]
    public void Reconcile_PositionClosedAtBrokerWhileDown_DroppedLocally()
    {
        var rig = new RiskExecutionRig();
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09810m), T0);
        rig.Tick("EURUSD", T0 + 1, 1.10000m, 1.10010m);
        var journal = rig.Journal.ToList();
        rig.Broker.OnTick(new Tick(T0 + Second, 109700, 109710, rig.Id("EURUSD")));
        while (rig.Broker.TryReadReport(out _))
        {
        }

        var account = Rebuild(journal);
        var decisions = new SpscQueue<Decision>(64);
        new Reconciler(account, rig.Broker, decisions).Reconcile(T0 + (2 * Second));

        var difference = Drain(decisions).Single();
        Assert.That((ReconciliationKind)difference.Code, Is.EqualTo(ReconciliationKind.PositionMissingAtBroker));
        Assert.That(difference.A, Is.EqualTo(250), "our volume");
        Assert.That(account.PositionCount, Is.Zero);
    }

    [Test]
    public void ResumeAfter_RebuiltOrderIds_NeverReusesAnId()
    {
        var (rig, orderId) = CrashWithOrderInFlight();
        var account = Rebuild(rig.Journal);
        var stage = new ExecutionStage(new ExecutionOptions(), account, rig.Broker, new SpscQueue<OrderRequest>(8), new SpscQueue<Decision>(8));

        stage.ResumeAfter(account.Orders.MaxClientOrderId());

        Assert.That(stage.NextClientOrderId, Is.EqualTo(orderId + 1));
    }
}
