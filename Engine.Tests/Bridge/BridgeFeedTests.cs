using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
public sealed class BridgeFeedTests
{
    private static (BridgeFeed Feed, RecordingEventPublisher Publisher) Create(string brokerName = "EURUSD", Dictionary<string, string>? aliases = null)
    {
        var publisher = new RecordingEventPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { SymbolAliases = aliases ?? [] });
        Send(feed, b => BridgeCodec.WriteSymbolSpec(b, new SymbolSpecMessage { Symbol = 2, Name = brokerName, Digits = 5 }));
        return (feed, publisher);
    }

    private static void Send(BridgeFeed feed, Func<byte[], int> write)
    {
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = write(frame);
        feed.OnFrame((BridgeMessageType)frame[4], frame.AsSpan(BridgeProtocol.HeaderSize, n - BridgeProtocol.HeaderSize));
    }

    private static TickMessage Tick(long ms, double bid = 1.08091, double ask = 1.08093) =>
        new() { Symbol = 2, Flags = TickFlags.Bid | TickFlags.Ask, TimeMs = ms, Bid = bid, Ask = ask };

    [Test]
    public void OnTick_BrokerDoubles_BecomeExactFixedPointOnTheCatalogueId()
    {
        var (feed, publisher) = Create();
        feed.OnTick(Tick(1_399_000_000_123));

        var tick = publisher.Ticks().Single();
        var eurusd = InstrumentCatalog.Default.Get("EURUSD");
        Assert.That((tick.SymbolId, tick.Bid, tick.Ask, tick.TimeNs), Is.EqualTo((eurusd.Id, 108091L, 108093L, 1_399_000_000_123_000_000L)));
    }

    [Test]
    public void OnTick_OlderThanCursor_DroppedAsDuplicate()
    {
        var (feed, publisher) = Create();
        feed.OnTick(Tick(1000));
        feed.OnTick(Tick(1000));
        feed.OnTick(Tick(999));
        feed.OnTick(Tick(1001));

        Assert.That(publisher.TickCount, Is.EqualTo(3));
        Assert.That(feed.Statistics.DuplicatesDropped, Is.EqualTo(1));
        Assert.That(feed.CursorOf(InstrumentCatalog.Default.Get("EURUSD").Id), Is.EqualTo((1001L, 1)));
    }

    [TestCase(double.NaN, 1.1, "nonfinite")]
    [TestCase(1.1, double.PositiveInfinity, "nonfinite")]
    [TestCase(1e300, 1.1, "nonfinite")]
    [TestCase(0.0, 1.1, "nonpositive")]
    [TestCase(1.1, -2.0, "nonpositive")]
    public void OnTick_UnusablePrice_CountedAsRejectNeverPublished(double bid, double ask, string kind)
    {
        var (feed, publisher) = Create();
        Assert.DoesNotThrow(() => feed.OnTick(Tick(5, bid, ask)));

        Assert.That(publisher.TickCount, Is.Zero);
        Assert.That(kind == "nonfinite" ? feed.Statistics.RejectedNonFinite : feed.Statistics.RejectedNonPositive, Is.EqualTo(1));
    }

    [Test]
    public void OnTick_UnannouncedWireSymbol_CountedAsUnknown()
    {
        var (feed, publisher) = Create();
        feed.OnTick(new TickMessage { Symbol = 9, TimeMs = 1, Bid = 1, Ask = 1 });

        Assert.That(publisher.TickCount, Is.Zero);
        Assert.That(feed.Statistics.RejectedUnknownSymbol, Is.EqualTo(1));
    }

    [Test]
    public void OnFrame_SymbolAlias_MapsBrokerSuffixToCatalogue()
    {
        var (feed, publisher) = Create("EURUSD.m", new Dictionary<string, string> { ["EURUSD.m"] = "EURUSD" });
        feed.OnTick(Tick(7));

        Assert.That(publisher.Ticks().Single().SymbolId, Is.EqualTo(InstrumentCatalog.Default.Get("EURUSD").Id));
    }

    [Test]
    public void OnFrame_UnknownTypeOrWrongSize_CountedAsMalformedWithoutThrowing()
    {
        var (feed, _) = Create();
        Assert.DoesNotThrow(() => feed.OnFrame((BridgeMessageType)200, new byte[3]));
        Assert.DoesNotThrow(() => feed.OnFrame(BridgeMessageType.Tick, new byte[7]));
        Assert.DoesNotThrow(() => feed.OnFrame(BridgeMessageType.SymbolSpec, new byte[BridgeProtocol.SymbolSpecPayload]));

        Assert.That(feed.Statistics.MalformedFrames, Is.EqualTo(3));
    }

    [Test]
    public void OnFrame_OrderResultFill_PublishesFillReportInUnits()
    {
        var (feed, publisher) = Create();
        Send(feed, b => BridgeCodec.WriteOrderResult(b, new OrderResultMessage
        {
            ClientOrderId = 77, RetCode = 10009, Status = BridgeOrderStatus.Filled, Side = 1, Symbol = 2, OrderTicket = 5, PositionTicket = 6,
            Volume = 0.25, Price = 1.08093, StopLoss = 1.079, Commission = -1.75, TimeMs = 3,
        }));

        var report = publisher.Reports().Single();
        Assert.That(report.Type, Is.EqualTo(BrokerReportType.Fill));
        Assert.That((report.ClientOrderId, report.BrokerOrderId, report.PositionId, report.Side, report.Code), Is.EqualTo((77L, 5L, 6L, 1, 10009)));
        Assert.That((report.Volume, report.Price, report.StopLoss, report.TakeProfit, report.CommissionMicros), Is.EqualTo((25L, 108093L, 107900L, 0L, 1_750_000L)));
    }

    [Test]
    public void OnFrame_FillOfTheSameDealAgain_PublishedOnceAndCounted()
    {
        var (feed, publisher) = Create();
        var fill = new OrderResultMessage
        {
            ClientOrderId = 77, RetCode = 10009, Status = BridgeOrderStatus.Filled, Side = 1, Symbol = 2, OrderTicket = 5, DealTicket = 900, PositionTicket = 6,
            Volume = 0.25, Price = 1.08093, TimeMs = 3,
        };

        Send(feed, b => BridgeCodec.WriteOrderResult(b, fill));
        feed.OnSessionEnded("cut");
        Send(feed, b => BridgeCodec.WriteOrderResult(b, fill));
        Send(feed, b => BridgeCodec.WriteOrderResult(b, fill with { DealTicket = 901, ClientOrderId = 78 }));

        Assert.That(publisher.Reports().Select(r => r.ClientOrderId), Is.EqualTo(new[] { 77L, 78L }));
        Assert.That(feed.Statistics.DuplicateDealsDropped, Is.EqualTo(1));
    }

    [Test]
    public void OnFrame_StopLossDeal_PublishesFillCarryingEntryReasonAndCosts()
    {
        var (feed, publisher) = Create();
        Send(feed, b => BridgeCodec.WriteDeal(b, new DealMessage
        {
            DealTicket = 501, OrderTicket = 502, PositionTicket = 6, Symbol = 2, Side = -1, Entry = BridgeDealEntry.Out,
            Reason = BridgeDealReason.StopLoss, Volume = 0.25, Price = 1.07901, StopLoss = 1.079, Profit = -48, Swap = -0.5,
            Commission = -1.75, Fee = -0.05, TimeMs = 9,
        }));

        var report = publisher.Reports().Single();
        Assert.That((report.Type, report.ClientOrderId, report.BrokerOrderId, report.PositionId, report.Side, report.TimeNs),
            Is.EqualTo((BrokerReportType.Fill, 0L, 502L, 6L, -1, 9 * Timestamp.NanosPerMillisecond)));
        Assert.That(BridgeDealCode.TryDecode(report.Code, out var entry, out var reason), Is.True);
        Assert.That((entry, reason), Is.EqualTo((BridgeDealEntry.Out, BridgeDealReason.StopLoss)));
        Assert.That((report.Volume, report.Price, report.StopLoss), Is.EqualTo((25L, 107901L, 107900L)));
        Assert.That(report.CommissionMicros, Is.EqualTo(2_300_000L), "commission, fee and swap charged: a cost of 2.30");
        Assert.That(feed.Statistics.DealsReceived, Is.EqualTo(1));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void OnFrame_DealAndOrderResultOfTheSameDeal_PublishedOnceInEitherOrder(bool dealFirst)
    {
        var (feed, publisher) = Create();
        var result = new OrderResultMessage
        {
            ClientOrderId = 77, RetCode = 10009, Status = BridgeOrderStatus.Filled, Side = 1, Symbol = 2, OrderTicket = 5, DealTicket = 900,
            PositionTicket = 5, Volume = 0.25, Price = 1.08093, TimeMs = 3,
        };
        var deal = new DealMessage
        {
            DealTicket = 900, OrderTicket = 5, PositionTicket = 5, ClientOrderId = 77, Symbol = 2, Side = 1, Entry = BridgeDealEntry.In,
            Reason = BridgeDealReason.Expert, Volume = 0.25, Price = 1.08093, TimeMs = 3,
        };

        for (var i = 0; i < 2; i++)
        {
            if (dealFirst == (i == 0))
            {
                Send(feed, b => BridgeCodec.WriteDeal(b, deal));
            }
            else
            {
                Send(feed, b => BridgeCodec.WriteOrderResult(b, result));
            }
        }

        Send(feed, b => BridgeCodec.WriteDeal(b, deal));

        var fill = publisher.Reports().Single();
        Assert.That((fill.Type, fill.ClientOrderId, fill.Volume, fill.Price), Is.EqualTo((BrokerReportType.Fill, 77L, 25L, 108093L)));
        Assert.That(BridgeDealCode.TryDecode(fill.Code, out _, out _), Is.EqualTo(dealFirst));
        Assert.That(feed.Statistics.DuplicateDealsDropped, Is.EqualTo(2));
    }

    [Test]
    public void OnFrame_AccountState_PublishesMoneyMicros()
    {
        var (feed, publisher) = Create();
        Send(feed, b => BridgeCodec.WriteAccountState(b, new AccountStateMessage { TimeMs = 1, Balance = 100000, Equity = 99_876.54, Margin = 1000.5 }));

        var report = publisher.Reports().Single();
        Assert.That((report.Type, report.Balance, report.Equity, report.Margin), Is.EqualTo((BrokerReportType.AccountState, 100_000_000_000L, 99_876_540_000L, 1_000_500_000L)));
    }

    [Property]
    public bool OnFrame_ArbitraryTypeAndPayload_NeverThrows(byte type, byte[] payload)
    {
        var (feed, _) = Create();
        feed.OnFrame((BridgeMessageType)type, payload ?? []);
        return true;
    }

    [Property]
    public bool FrameBuffer_ArbitraryStream_NeverThrowsAndFeedSurvives(byte[][] chunks)
    {
        var (feed, _) = Create();
        var buffer = new FrameBuffer();
        foreach (var chunk in chunks ?? [])
        {
            var bytes = chunk ?? [];
            if (bytes.Length > buffer.FreeSpace().Length)
            {
                continue;
            }

            buffer.Append(bytes);
            FrameReadStatus status;
            while ((status = buffer.TryTake(out var type, out var payload, out _)) == FrameReadStatus.Frame)
            {
                feed.OnFrame(type, payload);
            }

            if (status == FrameReadStatus.Malformed)
            {
                buffer.Clear(); // what a session does: give up on the stream
            }
        }

        return true;
    }
}
