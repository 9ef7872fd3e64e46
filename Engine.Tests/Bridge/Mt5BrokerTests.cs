using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
[CancelAfter(60_000)]
public sealed class Mt5BrokerTests
{
    private static readonly int Eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;

    [Test]
    public void Submit_NotConnected_RejectedThroughTryReadReportNotTheRing()
    {
        var publisher = new TranslatingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher);
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(77));

        broker.Submit(new Order { ClientOrderId = 5, SymbolId = Eurusd, Side = 1, Volume = 10, Type = OrderType.Market }, 77);

        Assert.That(broker.TryReadReport(out var report), Is.True);
        Assert.That((report.Type, report.ClientOrderId, report.Code, report.TimeNs), Is.EqualTo((BrokerReportType.OrderRejected, 5L, (int)BridgeErrorCode.NotConnected, 77L)));
        Assert.That(broker.TryReadReport(out _), Is.False);
        Assert.That(publisher.Recorded.Reports(), Is.Empty);
        Assert.That(broker.LocalRejects, Is.EqualTo(1));
    }

    [Test]
    public void Close_UnknownPosition_RejectedLocallyAsUnknownPosition()
    {
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(1));

        broker.Close(9, positionId: 42, volume: 0, nowNs: 5);

        Assert.That(broker.TryReadReport(out var report), Is.True);
        Assert.That((report.Type, report.ClientOrderId, report.Code), Is.EqualTo((BrokerReportType.OrderRejected, 9L, (int)BrokerRejectCode.UnknownPosition)));
    }

    [Test]
    public void Translate_EntryFillThenTerminalStopExit_PositionNamedByOpeningOrderAndReasonStopLoss()
    {
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(1));
        var entry = new BrokerReport { Type = BrokerReportType.Fill, SymbolId = Eurusd, ClientOrderId = 7, PositionId = 1001, Side = 1, Volume = 10, Price = 110_000, StopLoss = 109_800, TakeProfit = 110_600, Code = 10009 };
        var exit = new BrokerReport { Type = BrokerReportType.Fill, SymbolId = Eurusd, ClientOrderId = 7, PositionId = 1001, Side = -1, Volume = 10, Price = 109_798, Code = 10009 };

        broker.Translate(ref entry);
        broker.Translate(ref exit);

        Assert.That((entry.ClientOrderId, entry.PositionId, entry.Code), Is.EqualTo((7L, 7L, 0)));
        Assert.That((exit.ClientOrderId, exit.PositionId, exit.Code), Is.EqualTo((0L, 7L, (int)CloseReason.StopLoss)));
        Assert.That(broker.Fills, Is.EqualTo(2));
    }

    [Test]
    public void SubmitAndClose_OverTheBridge_FillsCarryEngineIdsAndCloseUsesTheTicket()
    {
        var source = SampleTicks.Load("EURUSD", "20140504").ToArray();
        var publisher = new TranslatingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock());
        publisher.Broker = broker;
        listener.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 0 }, source);
        sim.Start();
        var recorded = publisher.Recorded;
        Assert.That(BridgeListenerTests.WaitFor(() => recorded.TickCount == source.Length), Is.True);

        broker.Submit(new Order { ClientOrderId = 1, SymbolId = Eurusd, Side = 1, Volume = 10, Type = OrderType.Market, StopLoss = source[^1].Bid - 500 }, 0);
        Assert.That(BridgeListenerTests.WaitFor(() => recorded.Reports().Any(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 1)), Is.True);
        var fill = recorded.Reports().First(r => r.Type == BrokerReportType.Fill);
        Assert.That((fill.PositionId, fill.Side, fill.Price, fill.Code), Is.EqualTo((1L, 1, source[^1].Ask, 0)));
        Assert.That(BridgeListenerTests.WaitFor(() => broker.GetPositions(new BrokerReport[4]) == 1), Is.True);

        broker.Close(2, positionId: 1, volume: 0, nowNs: 0);
        Assert.That(BridgeListenerTests.WaitFor(() => recorded.Reports().Any(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 2)), Is.True);
        var close = recorded.Reports().First(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 2);
        Assert.That((close.PositionId, close.Side, close.Price, close.Code), Is.EqualTo((1L, -1, source[^1].Bid, 0)));
        Assert.That(BridgeListenerTests.WaitFor(() => broker.GetPositions(new BrokerReport[4]) == 0), Is.True);
        Assert.That(broker.TryReadReport(out _), Is.False);
    }

    [Test]
    public void Submit_PendingWithExpiry_TerminalExpiresItAndExecutionJournalsOrderExpired()
    {
        // Engine → Mt5Broker → bridge (ExpiryMs) → terminal simulator (ORDER_TIME_SPECIFIED) → Expired result →
        // feed → Translate → execution: the order ends as Expired with an OrderExpired decision.
        var catalog = InstrumentCatalog.Default;
        var eurusd = catalog.Get("EURUSD");
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140505_quote.zip")], eurusd);
        var publisher = new TranslatingEventPublisher();
        var feed = new BridgeFeed(catalog, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock());
        publisher.Broker = broker;
        listener.Start();
        // A market day in ~9 s: the order placed after the first ticks expires an hour of market later.
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 10_000 }, source);
        sim.Start();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Recorded.TickCount > 10), Is.True, "no ticks");
        var last = publisher.Recorded.Ticks()[^1];

        var account = new AccountState(catalog, 100_000m);
        var requests = new SpscQueue<OrderRequest>(16);
        var decisions = new SpscQueue<Decision>(64);
        var execution = new ExecutionStage(new ExecutionOptions(), account, broker, requests, decisions);
        var expiresAt = last.TimeNs + (3600 * Timestamp.NanosPerSecond) + 123_456;
        requests.Claim() = new OrderRequest
        {
            Kind = OrderRequestKind.Open, Type = OrderType.Limit, Side = 1, SymbolId = eurusd.Id, Volume = 10,
            Price = last.Ask - 500, ExpiresAtNs = expiresAt,
        };
        requests.Publish();
        var submit = new EngineEvent { Kind = EngineEventKind.Timer, TimeNs = last.TimeNs, OrderRequestCount = 1 };
        execution.OnEvent(ref submit, 0, true);
        var orderId = execution.NextClientOrderId - 1;

        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Recorded.Reports().Any(r => r.Type == BrokerReportType.OrderCancelled && r.ClientOrderId == orderId), 20_000),
            Is.True, "the terminal never expired the order");
        foreach (var report in publisher.Recorded.Reports())
        {
            var e = new EngineEvent { Kind = EngineEventKind.BrokerReport, TimeNs = report.TimeNs, Report = report };
            execution.OnEvent(ref e, 0, true);
        }

        var journaled = new List<Decision>();
        while (decisions.TryRead(out var d))
        {
            journaled.Add(d);
        }

        var expiry = publisher.Recorded.Reports().Single(r => r.Type == BrokerReportType.OrderCancelled);
        Assert.That(expiry.Code, Is.EqualTo(1), "an expiry, not a cancel");
        Assert.That(expiry.TimeNs, Is.GreaterThanOrEqualTo(expiresAt - 1_000_000).And.LessThan(expiresAt + (60 * Timestamp.NanosPerSecond)),
            "expired at its time (ms resolution), not before");
        Assert.That(journaled.Where(d => d.Id == orderId).Select(d => d.Type),
            Is.EqualTo(new[] { DecisionType.OrderSubmitted, DecisionType.OrderAccepted, DecisionType.OrderExpired }));
        Assert.That(account.Orders.StatusOf(orderId), Is.EqualTo(OrderStatus.Expired));
    }

    [Test]
    public void BeginSession_NextSnapshotLacksAPosition_CaptureHoldsOnlyTheNewSessionsState()
    {
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(1));
        var closedWhileDown = new BrokerReport { Type = BrokerReportType.PositionState, SymbolId = Eurusd, ClientOrderId = 7, PositionId = 1001, Side = 1, Volume = 10 };
        var cancelledWhileDown = new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = Eurusd, ClientOrderId = 9, BrokerOrderId = 501, Side = 1, Code = (int)BridgePendingKind.Limit, Volume = 10 };
        var stillOpen = new BrokerReport { Type = BrokerReportType.PositionState, SymbolId = Eurusd, ClientOrderId = 8, PositionId = 1002, Side = -1, Volume = 20 };
        var account = new BrokerReport { Type = BrokerReportType.AccountState, SymbolId = -1, Balance = 99_000_000_000 };
        broker.Translate(ref closedWhileDown);
        broker.Translate(ref cancelledWhileDown);

        broker.BeginSession();
        broker.Translate(ref account);
        broker.Translate(ref stillOpen);
        var id = broker.CaptureSnapshot();

        Assert.That(broker.TryTakeSnapshot(id, out var snapshot), Is.True);
        Assert.That(snapshot!.Positions.Select(p => (p.PositionId, p.Volume)), Is.EqualTo(new[] { (8L, 20L) }));
        Assert.That(snapshot.Orders, Is.Empty);
        Assert.That((snapshot.HasAccount, snapshot.Account.Balance), Is.EqualTo((true, 99_000_000_000L)));
        Assert.That(broker.TryTakeSnapshot(id, out _), Is.False, "a snapshot is taken once");
    }

    [Test]
    public void Translate_OrderRemovedByTicketAlone_MirrorDropsItAndTheReportNamesOurOrder()
    {
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock(1));
        var ours = new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = Eurusd, ClientOrderId = 9, BrokerOrderId = 501, Side = 1, Code = (int)BridgePendingKind.Limit, Volume = 10 };
        var manual = new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = Eurusd, BrokerOrderId = 502, Side = -1, Code = (int)BridgePendingKind.Stop, Volume = 5 };
        var removed = new BrokerReport { Type = BrokerReportType.OrderState, SymbolId = 0, BrokerOrderId = 501, Code = (int)BridgePendingKind.None };

        broker.Translate(ref ours);
        broker.Translate(ref manual);
        broker.Translate(ref removed);

        var orders = new BrokerReport[4];
        Assert.That(broker.GetOrders(orders), Is.EqualTo(1));
        Assert.That(orders[0].ClientOrderId, Is.EqualTo(502), "an order placed by hand is named by its ticket");
        Assert.That(removed.ClientOrderId, Is.EqualTo(9), "the EA's removal carries only the ticket");
    }

    private static Mt5Broker Broker(out BridgeListener listener)
    {
        var feed = new BridgeFeed(InstrumentCatalog.Default, new TranslatingEventPublisher());
        listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        return new Mt5Broker(listener, feed, new ReplayClock(1));
    }

    /// <summary>A fill as the feed makes it from a Deal frame (ticket 1001 = the position's).</summary>
    private static BrokerReport Deal(BridgeDealEntry entry, BridgeDealReason reason, int side, long clientOrderId = 0, long price = 109_798) => new()
    {
        Type = BrokerReportType.Fill, SymbolId = Eurusd, ClientOrderId = clientOrderId, PositionId = 1001, Side = side, Volume = 10,
        Price = price, Code = BridgeDealCode.Encode(entry, reason),
    };

    private static BrokerReport PositionState(byte closed) => new()
    {
        Type = BrokerReportType.PositionState, SymbolId = closed != 0 ? -1 : Eurusd, ClientOrderId = closed != 0 ? 0 : 7, PositionId = 1001,
        Side = closed != 0 ? 0 : 1, Volume = closed != 0 ? 0 : 10, Price = 110_000, StopLoss = 109_800, Code = closed,
    };

    [TestCase(BridgeDealReason.StopLoss, CloseReason.StopLoss)]
    [TestCase(BridgeDealReason.TakeProfit, CloseReason.TakeProfit)]
    [TestCase(BridgeDealReason.StopOut, CloseReason.StopOut)]
    [TestCase(BridgeDealReason.Client, CloseReason.Manual)]
    [TestCase(BridgeDealReason.Mobile, CloseReason.Manual)]
    public void Translate_ExitDealBeforeClosedState_ClosesTheOpenersPositionWithTheDealsReason(BridgeDealReason reason, CloseReason expected)
    {
        var broker = Broker(out var listener);
        using var _l = listener;
        var entry = Deal(BridgeDealEntry.In, BridgeDealReason.Expert, 1, clientOrderId: 7, price: 110_000);
        var exit = Deal(BridgeDealEntry.Out, reason, -1);
        var closed = PositionState(1);

        Assert.That(broker.Translate(ref entry), Is.True);
        Assert.That(broker.Translate(ref exit), Is.True);
        Assert.That(broker.Translate(ref closed), Is.True);

        Assert.That((entry.ClientOrderId, entry.PositionId, entry.Code), Is.EqualTo((7L, 7L, 0)));
        Assert.That((exit.ClientOrderId, exit.PositionId, exit.Code), Is.EqualTo((0L, 7L, (int)expected)));
        Assert.That(closed.PositionId, Is.EqualTo(7));
        Assert.That(broker.GetPositions(new BrokerReport[4]), Is.Zero);
    }

    [Test]
    public void Translate_ClosedStateBeforeStopLossDeal_LateDealStillClosesTheSamePosition()
    {
        var broker = Broker(out var listener);
        using var _l = listener;
        var open = PositionState(0);
        var closed = PositionState(1);
        var exit = Deal(BridgeDealEntry.Out, BridgeDealReason.StopLoss, -1);
        var resentClosed = PositionState(1);

        broker.Translate(ref open);
        broker.Translate(ref closed);
        Assert.That(broker.Translate(ref exit), Is.True, "a late exit deal is still applied");
        broker.Translate(ref resentClosed);

        Assert.That((exit.ClientOrderId, exit.PositionId, exit.Side, exit.Code), Is.EqualTo((0L, 7L, -1, (int)CloseReason.StopLoss)),
            "not a new position: the position 7 closed by its stop-loss");
        Assert.That(resentClosed.PositionId, Is.EqualTo(7));
        Assert.That(broker.GetPositions(new BrokerReport[4]), Is.Zero);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Translate_PendingFillDealAndPositionStateInEitherOrder_OpensUnderThePendingOrdersId(bool dealFirst)
    {
        var broker = Broker(out var listener);
        using var _l = listener;
        broker.Submit(new Order { ClientOrderId = 7, SymbolId = Eurusd, Side = 1, Volume = 10, Type = OrderType.Limit, Price = 110_000, StopLoss = 109_800 }, 1);
        broker.TryReadReport(out _);
        var fill = Deal(BridgeDealEntry.In, BridgeDealReason.Expert, 1, clientOrderId: 7, price: 110_000);
        var state = PositionState(0);

        if (dealFirst)
        {
            broker.Translate(ref fill);
            broker.Translate(ref state);
        }
        else
        {
            broker.Translate(ref state);
            broker.Translate(ref fill);
        }

        Assert.That((fill.ClientOrderId, fill.PositionId, fill.Side, fill.Code), Is.EqualTo((7L, 7L, 1, 0)));
        Assert.That(state.PositionId, Is.EqualTo(7));
        var positions = new BrokerReport[4];
        Assert.That(broker.GetPositions(positions), Is.EqualTo(1));
        Assert.That(positions[0].PositionId, Is.EqualTo(7));

        // Its stop-loss exit later closes that position.
        var exit = Deal(BridgeDealEntry.Out, BridgeDealReason.StopLoss, -1);
        exit.PositionId = 1001;
        broker.Translate(ref exit);
        Assert.That((exit.PositionId, exit.Code), Is.EqualTo((7L, (int)CloseReason.StopLoss)));
    }

    [Test]
    public void Translate_ExitDealOfAPositionNeverKnown_NotPublishedAndCounted()
    {
        var broker = Broker(out var listener);
        using var _l = listener;
        var exit = Deal(BridgeDealEntry.Out, BridgeDealReason.TakeProfit, -1);

        Assert.That(broker.Translate(ref exit), Is.False);
        Assert.That(broker.UnmatchedExits, Is.EqualTo(1));
        Assert.That(broker.Fills, Is.Zero);
        Assert.That(broker.GetPositions(new BrokerReport[4]), Is.Zero, "an exit never opens a position");
    }

    [Test]
    public void Translate_ExpertExitDealOfOurCloseOrder_KeepsTheCloseOrdersIdForItsReason()
    {
        var broker = Broker(out var listener);
        using var _l = listener;
        var entry = Deal(BridgeDealEntry.In, BridgeDealReason.Expert, 1, clientOrderId: 7, price: 110_000);
        var exit = Deal(BridgeDealEntry.Out, BridgeDealReason.Expert, -1, clientOrderId: 12);
        broker.Translate(ref entry);

        broker.Translate(ref exit);

        Assert.That((exit.ClientOrderId, exit.PositionId, exit.Code), Is.EqualTo((12L, 7L, 0)), "execution takes the reason from close order 12");
    }
}
