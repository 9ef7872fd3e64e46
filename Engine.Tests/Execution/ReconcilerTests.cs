using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
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

    [Test]
    public void ReconcileAtMarker_FillPublishedBehindTheMarkerBeforeExecutionReachesIt_CountedOnce()
    {
        // The race, scripted on one thread in the order the two threads interleave live: the session thread
        // translates the snapshot, publishes the marker at the first tick, then (execution still busy further back in
        // the ring) the terminal fills our working order and reports the fill, the order's removal and the new
        // position; only then does execution reach the marker. Reconciling against the broker's mirror as it is then
        // adopted the position from its PositionState and applied the fill on top: twice the volume.
        var eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(T0));
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        account.Orders.TryAdd(new Order
        {
            ClientOrderId = 7, Type = OrderType.Limit, Status = OrderStatus.Working, Side = 1, SymbolId = eurusd, Volume = 10, Price = 109_900,
        });
        var decisions = new SpscQueue<Decision>(64);
        var stage = new ExecutionStage(new ExecutionOptions(), account, broker, new SpscQueue<OrderRequest>(8), decisions);
        var reconciler = new Reconciler(account, broker, decisions);
        stage.ReconcileAtMarkers(reconciler);
        var ring = new List<BrokerReport>();
        void FromTerminal(BrokerReport report)
        {
            broker.Translate(ref report);
            ring.Add(report);
        }

        broker.BeginSession();
        FromTerminal(new BrokerReport { Type = BrokerReportType.AccountState, SymbolId = -1, TimeNs = T0, Balance = Usd(100_000m), Equity = Usd(100_000m) });
        FromTerminal(new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = eurusd, TimeNs = T0, ClientOrderId = 7, BrokerOrderId = 501, Side = 1, Code = (int)BridgePendingKind.Limit, Volume = 10, Price = 109_900 });
        ring.Add(new BrokerReport { Type = BrokerReportType.None, SymbolId = -1, TimeNs = T0 + Second, BrokerOrderId = broker.CaptureSnapshot() });
        FromTerminal(new BrokerReport { Type = BrokerReportType.Fill, SymbolId = eurusd, TimeNs = T0 + Second, ClientOrderId = 7, BrokerOrderId = 501, PositionId = 501, Side = 1, Volume = 10, Price = 109_900 });
        FromTerminal(new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = 0, TimeNs = T0 + Second, BrokerOrderId = 501, Code = (int)BridgePendingKind.None });
        FromTerminal(new BrokerReport { Type = BrokerReportType.PositionState, SymbolId = eurusd, TimeNs = T0 + Second, ClientOrderId = 7, PositionId = 501, Side = 1, Volume = 10, Price = 109_900 });

        foreach (var report in ring)
        {
            var slot = new EngineEvent { Kind = EngineEventKind.BrokerReport, TimeNs = report.TimeNs, Report = report };
            stage.OnEvent(ref slot, 0, true);
        }

        var journaled = Drain(decisions);
        Assert.That(reconciler.Runs, Is.EqualTo(1));
        Assert.That(journaled.Where(d => d.Type == DecisionType.ReconciliationDifference), Is.Empty, "the terminal matched us at the marker");
        Assert.That(account.PositionCount, Is.EqualTo(1));
        Assert.That((account.Positions[0].Id, account.Positions[0].Volume), Is.EqualTo((7L, 10L)), "the fill counted once");
        Assert.That(account.Orders.StatusOf(7), Is.EqualTo(OrderStatus.Filled));
        Assert.That(journaled.Count(d => d.Type == DecisionType.OrderFilled), Is.EqualTo(1));

        // The next session's reconciliation (a reconnect) finds the same position: still nothing to journal.
        broker.BeginSession();
        FromTerminal(new BrokerReport { Type = BrokerReportType.PositionState, SymbolId = eurusd, TimeNs = T0 + (2 * Second), ClientOrderId = 7, PositionId = 501, Side = 1, Volume = 10, Price = 109_900 });
        Assert.That(reconciler.ReconcileAtMarker(T0 + (2 * Second), broker.CaptureSnapshot()), Is.Zero);
    }

    [Test]
    public void ReconcileAtMarker_OrderSentAfterTheTerminalsSnapshot_NotADifference()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        account.Orders.TryAdd(new Order { ClientOrderId = 12, Type = OrderType.Market, Status = OrderStatus.Submitted, Side = 1, SymbolId = 0, Volume = 10 });
        var broker = new SnapshotBroker();
        broker.Add(new BrokerSnapshot(1, [], [], default, inFlight: [12]));
        var decisions = new SpscQueue<Decision>(64);

        var differences = new Reconciler(account, broker, decisions).ReconcileAtMarker(T0, 1);

        Assert.That(differences, Is.Zero, "its fill or rejection is on its way; cancelling it now would be wrong");
        Assert.That(account.Orders.StatusOf(12), Is.EqualTo(OrderStatus.Submitted));
    }

    [Test]
    public void ReconcileAtMarker_TerminalBalanceDiffers_AdoptedJournaledAndRebuiltTheSame()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var broker = new SnapshotBroker();
        var terminal = new BrokerReport { Type = BrokerReportType.AccountState, SymbolId = -1, TimeNs = T0 - Second, Balance = Usd(99_987.66m), Equity = Usd(99_990.01m) };
        broker.Add(new BrokerSnapshot(3, [], [], terminal));
        broker.Add(new BrokerSnapshot(4, [], [], terminal));
        var decisions = new SpscQueue<Decision>(64);
        var reconciler = new Reconciler(account, broker, decisions);

        var differences = reconciler.ReconcileAtMarker(T0, 3);

        var adjusted = Drain(decisions).Single();
        Assert.That(differences, Is.EqualTo(1));
        Assert.That((adjusted.Type, adjusted.SymbolId, adjusted.Id, adjusted.TimeNs), Is.EqualTo((DecisionType.AccountReconciled, -1, 3L, T0)));
        Assert.That((adjusted.A, adjusted.B, adjusted.C), Is.EqualTo((Usd(100_000m), Usd(99_987.66m), -Usd(12.34m))), "ours, terminal's, adjustment");
        Assert.That((adjusted.D, adjusted.E, adjusted.F), Is.EqualTo((Usd(99_987.66m), Usd(99_990.01m), T0 - Second)), "equity ours after, terminal's, terminal time");
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(99_987.66m)), "the terminal's balance is authoritative");
        Assert.That(Rebuild([adjusted]).BalanceMicros, Is.EqualTo(account.BalanceMicros), "a restart rebuilds the adjustment");
        Assert.That(reconciler.ReconcileAtMarker(T0 + Second, 4), Is.Zero, "adopted once, not again");
        Assert.That(reconciler.BalanceAdjustments, Is.EqualTo(1));
    }

    private static BrokerReport AccountReport(long timeNs, decimal balance) =>
        new() { Type = BrokerReportType.AccountState, SymbolId = -1, TimeNs = timeNs, Balance = Usd(balance), Equity = Usd(balance) };

    [Test]
    public void ObserveAccount_DifferenceInTwoConsecutiveReports_AdoptedOnceAtTheReportsTime()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var decisions = new SpscQueue<Decision>(64);
        var reconciler = new Reconciler(account, new SnapshotBroker(), decisions);

        Assert.That(reconciler.ObserveAccount(T0, AccountReport(T0, 100_250m)), Is.Zero, "a first sighting may be a deal on its way");
        Assert.That(reconciler.ObserveAccount(T0 + Second, AccountReport(T0 + Second, 100_250m)), Is.EqualTo(1));
        Assert.That(reconciler.ObserveAccount(T0 + (2 * Second), AccountReport(T0 + (2 * Second), 100_250m)), Is.Zero, "adopted once");

        var adjusted = Drain(decisions).Single();
        Assert.That((adjusted.Type, adjusted.Id, adjusted.TimeNs, adjusted.C), Is.EqualTo((DecisionType.AccountReconciled, 0L, T0 + Second, Usd(250m))),
            "a deposit booked while the bridge stayed up, journaled at the report's (ring) time");
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(100_250m)));
        Assert.That(Rebuild([adjusted]).BalanceMicros, Is.EqualTo(account.BalanceMicros), "a restart rebuilds it");
        Assert.That((reconciler.BalanceAdjustments, reconciler.Differences), Is.EqualTo((1L, 1L)));
    }

    [Test]
    public void ObserveAccount_DifferenceChangesOrOursMoves_NotAdoptedUntilItSettles()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var decisions = new SpscQueue<Decision>(64);
        var reconciler = new Reconciler(account, new SnapshotBroker(), decisions);

        // The terminal booked an exit whose deal the engine has not applied yet: the next report shows the deal applied.
        Assert.That(reconciler.ObserveAccount(T0, AccountReport(T0, 99_950m)), Is.Zero);
        Assert.That(reconciler.ObserveAccount(T0 + Second, AccountReport(T0 + Second, 99_940m)), Is.Zero, "still moving");
        Assert.That(reconciler.ObserveAccount(T0 + (2 * Second), AccountReport(T0 + (2 * Second), 100_000.004m)), Is.Zero, "within a cent: equal");
        Assert.That(reconciler.ObserveAccount(T0 + (3 * Second), AccountReport(T0 + (3 * Second), 99_940m)), Is.Zero, "a new first sighting");

        Assert.That(Drain(decisions), Is.Empty);
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(100_000m)));
    }

    [Test]
    public void ObserveAccount_OrderOfOursInFlight_NotAdoptedWhileItIs()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        account.Orders.TryAdd(new Order { ClientOrderId = 12, Type = OrderType.Market, Status = OrderStatus.Submitted, Side = 1, SymbolId = 0, Volume = 10 });
        var decisions = new SpscQueue<Decision>(64);
        var reconciler = new Reconciler(account, new SnapshotBroker(), decisions);

        for (var i = 0; i < 3; i++)
        {
            Assert.That(reconciler.ObserveAccount(T0 + (i * Second), AccountReport(T0 + (i * Second), 99_990m)), Is.Zero);
        }

        account.Orders.SetStatus(12, OrderStatus.Rejected);
        Assert.That(reconciler.ObserveAccount(T0 + (3 * Second), AccountReport(T0 + (3 * Second), 99_990m)), Is.Zero, "first settled sighting");
        Assert.That(reconciler.ObserveAccount(T0 + (4 * Second), AccountReport(T0 + (4 * Second), 99_990m)), Is.EqualTo(1));
    }

    [Test]
    public void ObserveAccount_SteadyReports_AllocateNothing()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var reconciler = new Reconciler(account, new SnapshotBroker(), new SpscQueue<Decision>(64));
        var report = AccountReport(T0, 100_000m);
        for (var round = 0; round < 2; round++)
        {
            // Two warm-up rounds with a pause between: the runtime's one-off tier-up work (it allocated 112 bytes
            // once in a full test run) happens before the measured loop, as in the other allocation tests.
            for (var i = 0; i < 1000; i++)
            {
                reconciler.ObserveAccount(T0, report);
            }

            Thread.Sleep(300);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            reconciler.ObserveAccount(T0 + i, report);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void ReconcileAtMarker_BalanceWithinACent_NothingJournaled()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var broker = new SnapshotBroker();
        broker.Add(new BrokerSnapshot(1, [], [], new BrokerReport { Type = BrokerReportType.AccountState, Balance = Usd(100_000m) + 9_999 }));
        var decisions = new SpscQueue<Decision>(64);

        Assert.That(new Reconciler(account, broker, decisions).ReconcileAtMarker(T0, 1), Is.Zero);
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(100_000m)));
    }

    [Test]
    public void ReconcileAtMarker_TerminalBalanceBelowTheDailyGuard_RiskBreachesOnTheNextTick()
    {
        // Swaps and commissions the engine cannot see took the terminal's balance 4.6% down today: the daily loss
        // guard (5% less the 0.5% buffer) must fire on the terminal's figure, not on ours.
        var rig = new RiskExecutionRig();
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        var broker = new SnapshotBroker();
        broker.Add(new BrokerSnapshot(1, [], [], new BrokerReport { Type = BrokerReportType.AccountState, Balance = Usd(95_400m), Equity = Usd(95_400m) }));
        rig.Execution.ReconcileAtMarkers(new Reconciler(rig.Account, broker, rig.Execution.Decisions));
        var marker = new EngineEvent { Kind = EngineEventKind.BrokerReport, TimeNs = T0 + 1, Report = new BrokerReport { Type = BrokerReportType.None, SymbolId = -1, BrokerOrderId = 1 } };

        rig.Execution.OnEvent(ref marker, 0, true);
        var adjusted = Drain(rig.Execution.Decisions).Single();
        Assert.That(rig.Of(DecisionType.LimitBreached), Is.Empty);
        rig.Tick("EURUSD", T0 + 2, 1.10000m, 1.10010m);

        Assert.That(adjusted.Type, Is.EqualTo(DecisionType.AccountReconciled));
        var breach = rig.Of(DecisionType.LimitBreached).Single();
        Assert.That(breach.Code, Is.EqualTo((int)IctEngine.Risk.LimitKind.DailyLoss));
        Assert.That(breach.A, Is.EqualTo(Usd(95_400m)), "measured on the terminal's equity");
    }

    private static long Usd(decimal amount) => Money.FromDecimal(amount).Micros;
}
