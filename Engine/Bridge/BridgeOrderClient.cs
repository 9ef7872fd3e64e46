using IctEngine.Core;

namespace IctEngine.Bridge;

/// <summary>
/// Sends trade commands to the terminal over the active bridge session. Results come back asynchronously as
/// <see cref="BrokerReport"/>s through the feed's <see cref="IEventPublisher"/> (OrderAccepted / Fill / OrderRejected /
/// OrderCancelled with the same client order id). When the command cannot be sent (no session, symbol not announced
/// by the terminal) the method returns false and, if a <c>localRejects</c> publisher was given, an OrderRejected report
/// with <see cref="BrokerReport.Code"/> set to the <see cref="BridgeErrorCode"/> is published on the caller's thread.
/// That is a second producer next to the feed's session thread: pass a publisher that is safe for it (or none, and
/// handle <c>false</c> in the execution stage). Prices and volumes are fixed-point units of the instrument (digits,
/// volume digits). Call from one thread (the execution stage) while the feed runs.
/// </summary>
public sealed class BridgeOrderClient
{
    private readonly BridgeListener _listener;
    private readonly BridgeSymbolMap _symbols;
    private readonly IEventPublisher? _localRejects;
    private readonly IClock _clock;

    public BridgeOrderClient(BridgeListener listener, BridgeFeed feed, IEventPublisher? localRejects, IClock clock)
    {
        _listener = listener;
        _symbols = feed.Symbols;
        _localRejects = localRejects;
        _clock = clock;
    }

    /// <summary>Maximum slippage for market orders, in points (MT5's <c>deviation</c>).</summary>
    public uint DeviationPoints { get; init; } = 20;

    /// <summary>Market order; <paramref name="side"/> +1 buy / -1 sell; SL/TP 0 for none.</summary>
    public bool SubmitMarket(long clientOrderId, int symbolId, int side, long volumeUnits, long stopLoss = 0, long takeProfit = 0) =>
        Send(clientOrderId, symbolId, BridgeOrderAction.Market, side, BridgePendingKind.None, 0, volumeUnits, 0, stopLoss, takeProfit);

    /// <summary>
    /// Pending limit or stop order at <paramref name="price"/>, expiring at <paramref name="expiresAtNs"/> (tick clock,
    /// rounded up to the ms; 0: good till cancelled).
    /// </summary>
    public bool SubmitPending(long clientOrderId, int symbolId, int side, BridgePendingKind kind, long volumeUnits, long price, long stopLoss = 0, long takeProfit = 0, long expiresAtNs = 0) =>
        Send(clientOrderId, symbolId, BridgeOrderAction.Pending, side, kind, 0, volumeUnits, price, stopLoss, takeProfit, expiresAtNs);

    /// <summary>Closes (part of) a position; <paramref name="volumeUnits"/> 0 closes all of it.</summary>
    public bool ClosePosition(long clientOrderId, int symbolId, long positionTicket, long volumeUnits = 0) =>
        Send(clientOrderId, symbolId, BridgeOrderAction.Close, 0, BridgePendingKind.None, positionTicket, volumeUnits, 0, 0, 0);

    /// <summary>Changes the SL/TP of a position (or of a pending order: pass its order ticket); 0 removes a level.</summary>
    public bool Modify(long clientOrderId, int symbolId, long ticket, long stopLoss, long takeProfit) =>
        Send(clientOrderId, symbolId, BridgeOrderAction.Modify, 0, BridgePendingKind.None, ticket, 0, 0, stopLoss, takeProfit);

    /// <summary>Deletes a pending order.</summary>
    public bool Cancel(long clientOrderId, int symbolId, long orderTicket) =>
        Send(clientOrderId, symbolId, BridgeOrderAction.Cancel, 0, BridgePendingKind.None, orderTicket, 0, 0, 0, 0);

    private bool Send(long clientOrderId, int symbolId, BridgeOrderAction action, int side, BridgePendingKind kind, long ticket, long volumeUnits, long price, long stopLoss, long takeProfit, long expiresAtNs = 0)
    {
        var connection = _listener.Current;
        var wire = _symbols.WireOf(symbolId);
        if (connection is null || wire < 0)
        {
            return RejectLocally(clientOrderId, symbolId, side, connection is null ? BridgeErrorCode.NotConnected : BridgeErrorCode.UnknownSymbol);
        }

        var instrument = _symbols.Catalog[symbolId];
        var command = new OrderCommandMessage
        {
            ClientOrderId = clientOrderId,
            Action = action,
            Side = (sbyte)side,
            PendingKind = kind,
            Symbol = (ushort)wire,
            Ticket = (ulong)ticket,
            Volume = BridgePriceConverter.ToDouble(volumeUnits, instrument.VolumeDigits),
            Price = BridgePriceConverter.ToDouble(price, instrument.Digits),
            StopLoss = BridgePriceConverter.ToDouble(stopLoss, instrument.Digits),
            TakeProfit = BridgePriceConverter.ToDouble(takeProfit, instrument.Digits),
            DeviationPoints = DeviationPoints,
            ExpiryMs = expiresAtNs <= 0 ? 0 : (expiresAtNs + Timestamp.NanosPerMillisecond - 1) / Timestamp.NanosPerMillisecond,
        };
        return connection.SendOrderCommand(command) || RejectLocally(clientOrderId, symbolId, side, BridgeErrorCode.NotConnected);
    }

    private bool RejectLocally(long clientOrderId, int symbolId, int side, BridgeErrorCode code)
    {
        var report = new BrokerReport
        {
            Type = BrokerReportType.OrderRejected,
            SymbolId = symbolId,
            TimeNs = _clock.UtcNowNanos,
            ClientOrderId = clientOrderId,
            Side = side,
            Code = (int)code,
        };
        _localRejects?.PublishReport(in report);
        return false;
    }
}
