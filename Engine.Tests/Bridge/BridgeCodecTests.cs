using IctEngine.Bridge;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Bridge;

[TestFixture]
public sealed class BridgeCodecTests
{
    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static ReadOnlySpan<byte> Payload(byte[] frame, int length, BridgeMessageType expected)
    {
        Assert.That((BridgeMessageType)frame[4], Is.EqualTo(expected));
        Assert.That(BitConverter.ToUInt32(frame, 0), Is.EqualTo((uint)(length - 4)));
        return frame.AsSpan(BridgeProtocol.HeaderSize, length - BridgeProtocol.HeaderSize);
    }

    [Property]
    public bool WriteTick_ReadTick_RoundTrips(ushort symbol, int flags, long timeMs, double bid, double ask, double last, double volume)
    {
        var m = new TickMessage { Symbol = symbol, Flags = (TickFlags)flags, TimeMs = timeMs, Bid = bid, Ask = ask, Last = last, Volume = volume };
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteTick(frame, m);
        return BridgeCodec.TryReadTick(Payload(frame, n, BridgeMessageType.Tick), out var r)
            && r.Symbol == symbol && r.Flags == (TickFlags)flags && r.TimeMs == timeMs
            && Same(r.Bid, bid) && Same(r.Ask, ask) && Same(r.Last, last) && Same(r.Volume, volume);
    }

    [Property]
    public bool WriteOrderCommand_ReadOrderCommand_RoundTrips(long id, byte action, sbyte side, byte kind, ushort symbol, ulong ticket, double volume, double price, double sl, double tp, uint deviation)
    {
        var m = new OrderCommandMessage
        {
            ClientOrderId = id, Action = (BridgeOrderAction)action, Side = side, PendingKind = (BridgePendingKind)kind, Symbol = symbol,
            Ticket = ticket, Volume = volume, Price = price, StopLoss = sl, TakeProfit = tp, DeviationPoints = deviation,
        };
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteOrderCommand(frame, m);
        return BridgeCodec.TryReadOrderCommand(Payload(frame, n, BridgeMessageType.OrderCommand), out var r)
            && r.ClientOrderId == id && r.Action == m.Action && r.Side == side && r.PendingKind == m.PendingKind && r.Symbol == symbol
            && r.Ticket == ticket && Same(r.Volume, volume) && Same(r.Price, price) && Same(r.StopLoss, sl) && Same(r.TakeProfit, tp)
            && r.DeviationPoints == deviation;
    }

    [Property]
    public bool WriteOrderResult_ReadOrderResult_RoundTrips(long id, uint retCode, byte status, sbyte side, ushort symbol, ulong order, ulong deal, ulong position, double price, double commission, long timeMs)
    {
        var m = new OrderResultMessage
        {
            ClientOrderId = id, RetCode = retCode, Status = (BridgeOrderStatus)status, Side = side, Symbol = symbol, OrderTicket = order,
            DealTicket = deal, PositionTicket = position, Volume = 0.5, Price = price, StopLoss = 1.1, TakeProfit = 1.2, Commission = commission, TimeMs = timeMs,
        };
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteOrderResult(frame, m);
        return BridgeCodec.TryReadOrderResult(Payload(frame, n, BridgeMessageType.OrderResult), out var r)
            && r.ClientOrderId == id && r.RetCode == retCode && r.Status == m.Status && r.Side == side && r.Symbol == symbol
            && r.OrderTicket == order && r.DealTicket == deal && r.PositionTicket == position && Same(r.Volume, 0.5)
            && Same(r.Price, price) && Same(r.StopLoss, 1.1) && Same(r.TakeProfit, 1.2) && Same(r.Commission, commission) && r.TimeMs == timeMs;
    }

    [Property]
    public bool WriteDeal_ReadDeal_RoundTrips(ulong deal, ulong order, ulong position, long id, ushort symbol, sbyte side, byte entry, byte reason,
        double volume, double price, double profit, double swap, double commission, long timeMs)
    {
        var m = new DealMessage
        {
            DealTicket = deal, OrderTicket = order, PositionTicket = position, ClientOrderId = id, Symbol = symbol, Side = side,
            Entry = (BridgeDealEntry)entry, Reason = (BridgeDealReason)reason, Volume = volume, Price = price, StopLoss = 1.1,
            TakeProfit = 1.2, Profit = profit, Swap = swap, Commission = commission, Fee = -0.25, TimeMs = timeMs,
        };
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteDeal(frame, m);
        return n == BridgeProtocol.HeaderSize + 112
            && BridgeCodec.TryReadDeal(Payload(frame, n, BridgeMessageType.Deal), out var r)
            && r.DealTicket == deal && r.OrderTicket == order && r.PositionTicket == position && r.ClientOrderId == id
            && r.Symbol == symbol && r.Side == side && r.Entry == m.Entry && r.Reason == m.Reason
            && Same(r.Volume, volume) && Same(r.Price, price) && Same(r.StopLoss, 1.1) && Same(r.TakeProfit, 1.2)
            && Same(r.Profit, profit) && Same(r.Swap, swap) && Same(r.Commission, commission) && Same(r.Fee, -0.25) && r.TimeMs == timeMs;
    }

    [Property]
    public bool BridgeDealCode_EncodeDecode_RoundTripsAndNeverLooksLikeARetCode(byte entry, byte reason, ushort retCode)
    {
        var code = BridgeDealCode.Encode((BridgeDealEntry)entry, (BridgeDealReason)reason);
        return BridgeDealCode.TryDecode(code, out var e, out var r) && e == (BridgeDealEntry)entry && r == (BridgeDealReason)reason
            && !BridgeDealCode.TryDecode(retCode, out _, out _);
    }

    [Test]
    public void TryReadDeal_WrongPayloadSize_ReturnsFalse()
    {
        Assert.That(BridgeCodec.TryReadDeal(new byte[BridgeProtocol.DealPayload - 1], out _), Is.False);
        Assert.That(BridgeCodec.TryReadDeal(new byte[BridgeProtocol.DealPayload], out _), Is.True);
    }

    [Property]
    public bool WritePositionAndOrderState_Read_RoundTrips(ulong ticket, long id, ushort symbol, sbyte side, byte flag, double volume, double price, long timeMs)
    {
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var p = new PositionStateMessage { Ticket = ticket, ClientOrderId = id, Symbol = symbol, Side = side, Closed = flag, Volume = volume, PriceOpen = price, StopLoss = 1, TakeProfit = 2, Profit = -3.5, TimeMs = timeMs };
        var n = BridgeCodec.WritePositionState(frame, p);
        var positionOk = BridgeCodec.TryReadPositionState(Payload(frame, n, BridgeMessageType.PositionState), out var rp)
            && rp.Ticket == ticket && rp.ClientOrderId == id && rp.Symbol == symbol && rp.Side == side && rp.Closed == flag
            && Same(rp.Volume, volume) && Same(rp.PriceOpen, price) && rp.StopLoss == 1 && rp.TakeProfit == 2 && rp.Profit == -3.5 && rp.TimeMs == timeMs;

        var o = new OrderStateMessage { Ticket = ticket, ClientOrderId = id, Symbol = symbol, Side = side, Kind = (BridgePendingKind)flag, Volume = volume, Price = price, StopLoss = 1, TakeProfit = 2, TimeMs = timeMs };
        n = BridgeCodec.WriteOrderState(frame, o);
        var orderOk = BridgeCodec.TryReadOrderState(Payload(frame, n, BridgeMessageType.OrderState), out var ro)
            && ro.Ticket == ticket && ro.ClientOrderId == id && ro.Symbol == symbol && ro.Side == side && ro.Kind == o.Kind
            && Same(ro.Volume, volume) && Same(ro.Price, price) && ro.StopLoss == 1 && ro.TakeProfit == 2 && ro.TimeMs == timeMs;
        return positionOk && orderOk;
    }

    [Property]
    public bool WriteSmallFrames_Read_RoundTrip(long timeMs, uint seq, ushort symbol, long fromMs, uint skip, double balance, double equity)
    {
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteHeartbeat(frame, new HeartbeatMessage { TimeMs = timeMs, Sequence = seq });
        var heartbeatOk = BridgeCodec.TryReadHeartbeat(Payload(frame, n, BridgeMessageType.Heartbeat), out var h) && h.TimeMs == timeMs && h.Sequence == seq;
        n = BridgeCodec.WriteStreamFrom(frame, new StreamFromMessage { Symbol = symbol, FromMs = fromMs, Skip = skip });
        var streamOk = BridgeCodec.TryReadStreamFrom(Payload(frame, n, BridgeMessageType.StreamFrom), out var s) && s.Symbol == symbol && s.FromMs == fromMs && s.Skip == skip;
        n = BridgeCodec.WriteAccountState(frame, new AccountStateMessage { TimeMs = timeMs, Balance = balance, Equity = equity, Margin = 12.5, FreeMargin = 7 });
        var accountOk = BridgeCodec.TryReadAccountState(Payload(frame, n, BridgeMessageType.AccountState), out var a)
            && a.TimeMs == timeMs && Same(a.Balance, balance) && Same(a.Equity, equity) && a.Margin == 12.5 && a.FreeMargin == 7;
        return heartbeatOk && streamOk && accountOk;
    }

    [Test]
    public void WriteSymbolSpec_ReadSymbolSpec_RoundTrips()
    {
        var spec = new SymbolSpecMessage { Symbol = 3, Name = "EURUSD.m", Digits = 5, Point = 0.00001, TickSize = 0.00001, TickValue = 1, ContractSize = 100000, VolumeMin = 0.01, VolumeStep = 0.01, VolumeMax = 50 };
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteSymbolSpec(frame, spec);

        Assert.That(BridgeCodec.TryReadSymbolSpec(Payload(frame, n, BridgeMessageType.SymbolSpec), out var r), Is.True);
        Assert.That(r!.Name, Is.EqualTo("EURUSD.m"));
        Assert.That((r.Symbol, r.Digits, r.ContractSize, r.VolumeMax), Is.EqualTo(((ushort)3, 5, 100000d, 50d)));
    }

    [Test]
    public void WriteHandshakeFrames_Read_RoundTrip()
    {
        var frame = new byte[256];
        var nonce = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var n = BridgeCodec.WriteHello(frame, new HelloMessage { Version = 1, ClientNonce = nonce, ClientName = "IctBridge" });
        Assert.That(BridgeCodec.TryReadHello(Payload(frame, n, BridgeMessageType.Hello), out var hello), Is.True);
        Assert.That((hello!.Version, hello.ClientName), Is.EqualTo(((ushort)1, "IctBridge")));
        Assert.That(hello.ClientNonce, Is.EqualTo(nonce));

        n = BridgeCodec.WriteError(frame, new ErrorMessage { Code = BridgeErrorCode.AuthFailed, Text = "nope" });
        Assert.That(BridgeCodec.TryReadError(Payload(frame, n, BridgeMessageType.Error), out var error), Is.True);
        Assert.That((error!.Code, error.Text), Is.EqualTo((BridgeErrorCode.AuthFailed, "nope")));
    }

    [TestCase(0)]
    [TestCase(43)]
    [TestCase(45)]
    public void TryReadTick_WrongPayloadSize_ReturnsFalse(int size)
    {
        Assert.That(BridgeCodec.TryReadTick(new byte[size], out _), Is.False);
    }

    [Test]
    public void TryReadHello_WrongMagic_ReturnsFalse()
    {
        Assert.That(BridgeCodec.TryReadHello(new byte[BridgeProtocol.HelloPayload], out _), Is.False);
    }

    [Test]
    public void TickPath_EncodeFrameDecodePublish_AllocatesNothing()
    {
        var publisher = new Support.NullEventPublisher();
        var feed = new BridgeFeed(IctEngine.Core.InstrumentCatalog.Default, publisher);
        var spec = new SymbolSpecMessage { Symbol = 0, Name = "EURUSD", Digits = 5 };
        var specFrame = new byte[BridgeCodec.MaxFixedFrame];
        var specLength = BridgeCodec.WriteSymbolSpec(specFrame, spec);
        feed.OnFrame(BridgeMessageType.SymbolSpec, specFrame.AsSpan(BridgeProtocol.HeaderSize, specLength - BridgeProtocol.HeaderSize));
        var buffer = new FrameBuffer();
        var frame = new byte[BridgeCodec.MaxFixedFrame];

        void Run(int count, long baseMs)
        {
            for (var i = 0; i < count; i++)
            {
                var m = new TickMessage { Symbol = 0, Flags = TickFlags.Bid | TickFlags.Ask, TimeMs = baseMs + i, Bid = 1.08091, Ask = 1.08093 };
                var n = BridgeCodec.WriteTick(frame, m);
                buffer.Append(frame.AsSpan(0, n));
                while (buffer.TryTake(out var type, out var payload, out _) == FrameReadStatus.Frame)
                {
                    feed.OnFrame(type, payload);
                }
            }
        }

        Run(10_000, 1_400_000_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(100_000, 1_400_000_100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(publisher.Ticks, Is.EqualTo(110_000));
    }
}
