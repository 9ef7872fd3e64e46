using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
[CancelAfter(60_000)]
public sealed class TerminalSimulatorTests
{
    [Test]
    public void Stream_ConnectionCutAndRestoredMidStream_NoTickLostOrDuplicated()
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140501_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        // A day in ~4 s: ticks keep "happening" while the connection is down, so each cut leaves a real gap.
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 20_000, ReconnectDelayMs = 20 }, source);
        var cuts = 0;
        publisher.OnTickRecorded = count =>
        {
            // Cut twice, from the feed's own thread, while ticks are flowing.
            if ((count >= source.Length / 3 && cuts == 0) || (count >= 2 * source.Length / 3 && cuts == 1 && sim.Sessions == 2 && sim.IsConnected))
            {
                cuts++;
                sim.Cut();
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    BridgeListenerTests.WaitFor(() => listener.State == BridgeConnectionState.Disconnected);
                    sim.Restore();
                });
            }
        };
        sim.Start();

        var done = BridgeListenerTests.WaitFor(() => publisher.TickCount >= source.Length && sim.Finished, 45_000);
        Thread.Sleep(100); // anything extra (a duplicate) would arrive now
        var received = publisher.Ticks();

        Assert.That(done, Is.True, $"received {received.Length} of {source.Length}");
        Assert.That(cuts, Is.EqualTo(2));
        Assert.That(sim.Sessions, Is.EqualTo(3));
        Assert.That(received, Has.Length.EqualTo(source.Length));
        for (var i = 0; i < source.Length; i++)
        {
            if (received[i].TimeNs != source[i].TimeNs || received[i].Bid != source[i].Bid || received[i].Ask != source[i].Ask)
            {
                Assert.Fail($"tick {i} differs: got {received[i]}, expected {source[i]}");
            }
        }

        Assert.That(feed.Statistics.BackfillRequests, Is.EqualTo(2));
    }

    [Test]
    public void Stream_RepeatThree_RecordingPlayedThriceAWeekApartSamePrices()
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140504_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 0, Repeat = 3 }, source);
        sim.Start();

        var done = BridgeListenerTests.WaitFor(() => publisher.TickCount >= 3 * source.Length && sim.Finished, 30_000);
        Thread.Sleep(100);
        var received = publisher.Ticks();

        Assert.That(done, Is.True, $"received {received.Length} of {3 * source.Length}");
        Assert.That(received, Has.Length.EqualTo(3 * source.Length));
        const long week = 7 * 86_400 * Timestamp.NanosPerSecond;
        for (var i = 0; i < received.Length; i++)
        {
            var original = source[i % source.Length];
            if (received[i].TimeNs != original.TimeNs + i / source.Length * week || received[i].Bid != original.Bid || received[i].Ask != original.Ask)
            {
                Assert.Fail($"tick {i} differs: got {received[i]}, expected {original} shifted {i / source.Length} week(s)");
            }
        }

        Assert.That(feed.Statistics.DuplicatesDropped, Is.Zero);
    }

    [Test]
    public void OrderCommand_MarketBuyAndClose_FillReportsAtAskThenBid()
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140504_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 0 }, source);
        sim.Start();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.TickCount == source.Length), Is.True);
        var eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;
        var client = new BridgeOrderClient(listener, feed, publisher, new ReplayClock());

        Assert.That(client.SubmitMarket(1, eurusd, +1, 10, stopLoss: source[^1].Bid - 500), Is.True);
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 1)), Is.True);
        var fill = publisher.Reports().First(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 1);
        Assert.That((fill.SymbolId, fill.Side, fill.Volume, fill.Price, fill.StopLoss), Is.EqualTo((eurusd, 1, 10L, source[^1].Ask, source[^1].Bid - 500)));

        Assert.That(client.ClosePosition(2, eurusd, fill.PositionId), Is.True);
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 2)), Is.True);
        var close = publisher.Reports().First(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 2);
        Assert.That((close.Side, close.Price, close.PositionId), Is.EqualTo((-1, source[^1].Bid, fill.PositionId)));
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.PositionState && r.Code == 1)), Is.True);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void TriggerOrders_StopLossHit_ReportedAsStopLossDealBeforeTheClosedStateUnlessReversed(bool stateBeforeDeal)
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140501_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 2_000, StateBeforeDeal = stateBeforeDeal }, source);
        sim.Start();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.TickCount > 10), Is.True);
        sim.Pause();
        var eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;
        var client = new BridgeOrderClient(listener, feed, publisher, new ReplayClock());

        // A buy whose stop-loss is above the market: the terminal stops it out on the next tick, by itself.
        Assert.That(client.SubmitMarket(1, eurusd, +1, 10, stopLoss: source[0].Bid * 2), Is.True);
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 1)), Is.True);
        sim.Resume();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.PositionState && r.Code == 1)
            && publisher.Reports().Count(r => r.Type == BrokerReportType.Fill) == 2), Is.True);

        var reports = publisher.Reports().ToList();
        var exit = reports.FindIndex(r => r.Type == BrokerReportType.Fill && r.ClientOrderId == 0);
        var closed = reports.FindIndex(r => r.Type == BrokerReportType.PositionState && r.Code == 1);
        Assert.That(BridgeDealCode.TryDecode(reports[exit].Code, out var entry, out var reason), Is.True, "a Deal, not an OrderResult");
        Assert.That((entry, reason, reports[exit].Side), Is.EqualTo((BridgeDealEntry.Out, BridgeDealReason.StopLoss, -1)));
        Assert.That(exit < closed, Is.EqualTo(!stateBeforeDeal), "the EA's order: the deal first, then the state it changed");
    }

    [Test]
    public void OrderCommand_NotConnected_RejectedLocally()
    {
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher);
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var client = new BridgeOrderClient(listener, feed, publisher, new ReplayClock(123));

        Assert.That(client.SubmitMarket(9, 0, 1, 10), Is.False);
        var report = publisher.Reports().Single();
        Assert.That((report.Type, report.ClientOrderId, report.Code, report.TimeNs), Is.EqualTo((BrokerReportType.OrderRejected, 9L, (int)BridgeErrorCode.NotConnected, 123L)));
    }

    [Test]
    public void OrderCommand_PendingCancel_AcceptedThenCancelled()
    {
        var source = TerminalSimulator.ReadTicks([SampleData.Path("lean-oanda-eurusd/20140504_quote.zip")], InstrumentCatalog.Default.Get("EURUSD"));
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        listener.Start();
        using var sim = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "s", Speed = 0 }, source);
        sim.Start();
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.TickCount == source.Length), Is.True);
        var eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;
        var client = new BridgeOrderClient(listener, feed, publisher, new ReplayClock());

        client.SubmitPending(5, eurusd, +1, BridgePendingKind.Limit, 10, source[^1].Ask - 1000);
        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.OrderAccepted && r.ClientOrderId == 5)), Is.True);
        var accepted = publisher.Reports().First(r => r.Type == BrokerReportType.OrderAccepted && r.ClientOrderId == 5);
        client.Cancel(6, eurusd, accepted.BrokerOrderId);

        Assert.That(BridgeListenerTests.WaitFor(() => publisher.Reports().Any(r => r.Type == BrokerReportType.OrderCancelled && r.ClientOrderId == 6)), Is.True);
    }
}
