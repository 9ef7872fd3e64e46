using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Ticks;
using Serilog;

namespace IctEngine.Bridge;

/// <summary>
/// Turns a bridge session's frames into fixed-point ticks and broker reports for an <see cref="IEventPublisher"/>.
/// Keeps one cursor per instrument (last tick time in ms and how many ticks carried that time), asks the terminal to
/// stream each symbol from that cursor when the symbol is announced (which backfills the gap after a reconnect), and
/// drops anything older than the cursor, so a reconnect neither loses nor duplicates ticks. The tick path does not
/// allocate; rejects are counted in <see cref="Statistics"/> and logged at most once per 10 s.
/// </summary>
public sealed class BridgeFeed : IBridgeSessionHandler
{
    private const long RejectLogIntervalMs = 10_000;
    private const int RecentDealCount = 1024;

    private static readonly ILogger Logger = Log.ForContext<BridgeFeed>();

    private readonly IEventPublisher _publisher;
    private readonly BridgeFeedOptions _options;
    private readonly long[] _cursorMs;
    private readonly int[] _cursorCount;
    private readonly long[] _recentDeals = new long[RecentDealCount];
    private int _nextRecentDeal;
    private BridgeConnection? _connection;
    private long _lastRejectLogAt = long.MinValue;

    public BridgeFeed(InstrumentCatalog catalog, IEventPublisher publisher, BridgeFeedOptions? options = null)
    {
        _publisher = publisher;
        _options = options ?? new BridgeFeedOptions();
        Symbols = new BridgeSymbolMap(catalog, _options.SymbolAliases);
        _cursorMs = new long[catalog.Count];
        _cursorCount = new int[catalog.Count];
    }

    public BridgeSymbolMap Symbols { get; }

    public BridgeFeedStatistics Statistics { get; } = new();

    /// <summary>
    /// Sets a symbol's cursor before the first session, e.g. from the last recorded tick of the store, so that a
    /// restarted engine backfills what it missed while down. Call before the listener starts.
    /// </summary>
    public void SeedCursor(int symbolId, long lastTickMs, int ticksAtLastMs)
    {
        _cursorMs[symbolId] = lastTickMs;
        _cursorCount[symbolId] = ticksAtLastMs;
    }

    /// <summary>The cursor of an instrument: time of the last tick received (0: none) and ticks at that ms.</summary>
    public (long LastTickMs, int TicksAtLastMs) CursorOf(int symbolId) => (_cursorMs[symbolId], _cursorCount[symbolId]);

    public void OnSessionStarted(BridgeConnection connection)
    {
        // A new session numbers its symbols afresh; mappings arrive again with its SymbolSpec frames.
        Symbols.Reset();
        _connection = connection;
        Statistics.SessionStarted();
        _publisher.SessionStarted();
    }

    public void OnSessionEnded(string reason) => _connection = null;

    public void OnFrame(BridgeMessageType type, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case BridgeMessageType.Tick when BridgeCodec.TryReadTick(payload, out var tick):
                OnTick(tick);
                break;
            case BridgeMessageType.SymbolSpec when BridgeCodec.TryReadSymbolSpec(payload, out var spec):
                OnSymbolSpec(spec!);
                break;
            case BridgeMessageType.AccountState when BridgeCodec.TryReadAccountState(payload, out var account):
                OnAccountState(account);
                break;
            case BridgeMessageType.OrderResult when BridgeCodec.TryReadOrderResult(payload, out var result):
                OnOrderResult(result);
                break;
            case BridgeMessageType.PositionState when BridgeCodec.TryReadPositionState(payload, out var position):
                OnPositionState(position);
                break;
            case BridgeMessageType.OrderState when BridgeCodec.TryReadOrderState(payload, out var order):
                OnOrderState(order);
                break;
            case BridgeMessageType.Deal when BridgeCodec.TryReadDeal(payload, out var deal):
                OnDeal(deal);
                break;
            default:
                Malformed(type, payload.Length);
                break;
        }
    }

    /// <summary>Publishes one tick unless it is older than its symbol's cursor or its prices are unusable.</summary>
    public void OnTick(in TickMessage m)
    {
        var id = Symbols.IdOf(m.Symbol);
        if (id < 0)
        {
            Statistics.RejectedUnknown();
            RejectLog("unknown wire symbol", m.Symbol);
            return;
        }

        // Cursor first: a tick with unusable prices still counts as received, so a backfill does not resend it.
        ref var lastMs = ref _cursorMs[id];
        if (m.TimeMs < lastMs)
        {
            Statistics.DuplicateDropped();
            return;
        }

        if (m.TimeMs == lastMs)
        {
            _cursorCount[id]++;
        }
        else
        {
            lastMs = m.TimeMs;
            _cursorCount[id] = 1;
        }

        var digits = Symbols.Catalog[id].Digits;
        var bidReason = BridgePriceConverter.TryToUnits(m.Bid, digits, out var bid);
        var askReason = BridgePriceConverter.TryToUnits(m.Ask, digits, out var ask);
        if (bidReason != RejectReason.None || askReason != RejectReason.None)
        {
            CountPriceReject(bidReason != RejectReason.None ? bidReason : askReason, id);
            return;
        }

        var tick = new Tick(m.TimeMs * Timestamp.NanosPerMillisecond, bid, ask, id, m.Flags)
        {
            BidVolume = BridgePriceConverter.LotsToUnits(m.Volume, Tick.VolumeDigits),
        };
        _publisher.PublishTick(in tick);
        Statistics.TickPublished(Environment.TickCount64);
    }

    private void OnSymbolSpec(SymbolSpecMessage spec)
    {
        var instrument = Symbols.Map(spec.Symbol, spec.Name);
        if (instrument is null)
        {
            Logger.Warning("Terminal symbol {Name} (wire {Wire}) is not in the instrument catalogue; its ticks are rejected", spec.Name, spec.Symbol);
            return;
        }

        if (spec.Digits != instrument.Digits)
        {
            Logger.Warning("{Symbol}: the broker quotes {BrokerDigits} digits, the catalogue {Digits}; prices are rounded to the catalogue's", instrument.Symbol, spec.Digits, instrument.Digits);
        }

        Logger.Information("{Symbol}: broker spec digits={Digits} tickSize={TickSize} tickValue={TickValue} contract={Contract} volume {Min}..{Max} step {Step}",
            spec.Name, spec.Digits, spec.TickSize, spec.TickValue, spec.ContractSize, spec.VolumeMin, spec.VolumeMax, spec.VolumeStep);
        var lastMs = _cursorMs[instrument.Id];
        var request = new StreamFromMessage
        {
            Symbol = spec.Symbol,
            FromMs = lastMs > 0 ? lastMs : _options.StartFromMs,
            Skip = lastMs > 0 ? (uint)_cursorCount[instrument.Id] : 0,
        };
        if (lastMs > 0)
        {
            Statistics.BackfillRequested();
            Logger.Information("{Symbol}: requesting ticks from {From} (skipping {Skip} at that ms)", instrument.Symbol, new Timestamp(lastMs * Timestamp.NanosPerMillisecond), request.Skip);
        }

        _connection?.SendStreamFrom(request);
    }

    private void OnAccountState(in AccountStateMessage m)
    {
        var report = new BrokerReport
        {
            Type = BrokerReportType.AccountState,
            SymbolId = -1,
            TimeNs = m.TimeMs * Timestamp.NanosPerMillisecond,
            Balance = BridgePriceConverter.MoneyToMicros(m.Balance),
            Equity = BridgePriceConverter.MoneyToMicros(m.Equity),
            Margin = BridgePriceConverter.MoneyToMicros(m.Margin),
        };
        Publish(report);
    }

    private void OnOrderResult(in OrderResultMessage m)
    {
        if (m.Status == BridgeOrderStatus.Filled && m.DealTicket != 0 && !RememberDeal((long)m.DealTicket))
        {
            DuplicateDeal(m.DealTicket, m.ClientOrderId);
            return;
        }

        var id = Symbols.IdOf(m.Symbol);
        var report = new BrokerReport
        {
            Type = m.Status switch
            {
                BridgeOrderStatus.Filled => BrokerReportType.Fill,
                BridgeOrderStatus.Rejected => BrokerReportType.OrderRejected,
                BridgeOrderStatus.Cancelled or BridgeOrderStatus.Expired => BrokerReportType.OrderCancelled,
                _ => BrokerReportType.OrderAccepted,
            },
            SymbolId = id,
            TimeNs = m.TimeMs * Timestamp.NanosPerMillisecond,
            ClientOrderId = m.ClientOrderId,
            BrokerOrderId = (long)m.OrderTicket,
            PositionId = (long)m.PositionTicket,
            Side = m.Side,
            // Execution reads Code 1 of a cancellation as "expired"; a terminal's return code means nothing there.
            Code = m.Status switch { BridgeOrderStatus.Expired => 1, BridgeOrderStatus.Cancelled => 0, _ => (int)m.RetCode },
            // MT5 books a charged commission as a negative amount; the engine's commission is a cost (positive).
            CommissionMicros = -BridgePriceConverter.MoneyToMicros(m.Commission),
        };
        SetLevels(ref report, id, m.Volume, m.Price, m.StopLoss, m.TakeProfit);

        Publish(report);
    }

    /// <summary>
    /// A deal the terminal made (protocol 3): published as a fill, once per deal ticket whichever of the deal and our
    /// command's OrderResult arrives first. The deal's entry and reason travel in the fill's Code
    /// (<see cref="BridgeDealCode"/>) to <see cref="Mt5Broker.Translate"/>, which makes them a close reason. Commission,
    /// fee and swap become the fill's cost: the swap MT5 books on the closing deal is a cost of the trade like its
    /// commission, and the engine's balance then follows the terminal's.
    /// </summary>
    private void OnDeal(in DealMessage m)
    {
        if (m.DealTicket != 0 && !RememberDeal((long)m.DealTicket))
        {
            DuplicateDeal(m.DealTicket, m.ClientOrderId);
            return;
        }

        var id = Symbols.IdOf(m.Symbol);
        var report = new BrokerReport
        {
            Type = BrokerReportType.Fill,
            SymbolId = id,
            TimeNs = m.TimeMs * Timestamp.NanosPerMillisecond,
            ClientOrderId = m.ClientOrderId,
            BrokerOrderId = (long)m.OrderTicket,
            PositionId = (long)m.PositionTicket,
            Side = m.Side,
            Code = BridgeDealCode.Encode(m.Entry, m.Reason),
            CommissionMicros = -(BridgePriceConverter.MoneyToMicros(m.Commission) + BridgePriceConverter.MoneyToMicros(m.Fee)
                + BridgePriceConverter.MoneyToMicros(m.Swap)),
        };
        SetLevels(ref report, id, m.Volume, m.Price, m.StopLoss, m.TakeProfit);
        Statistics.DealReceived();
        Publish(report);
    }

    private void OnPositionState(in PositionStateMessage m)
    {
        var id = Symbols.IdOf(m.Symbol);
        var report = new BrokerReport
        {
            Type = BrokerReportType.PositionState,
            SymbolId = id,
            TimeNs = m.TimeMs * Timestamp.NanosPerMillisecond,
            ClientOrderId = m.ClientOrderId,
            PositionId = (long)m.Ticket,
            Side = m.Side,
            Code = m.Closed,
            Equity = BridgePriceConverter.MoneyToMicros(m.Profit),
        };
        SetLevels(ref report, id, m.Closed != 0 ? 0 : m.Volume, m.PriceOpen, m.StopLoss, m.TakeProfit);

        Publish(report);
    }

    private void OnOrderState(in OrderStateMessage m)
    {
        var id = Symbols.IdOf(m.Symbol);
        var report = new BrokerReport
        {
            Type = BrokerReportType.OrderState,
            SymbolId = id,
            TimeNs = m.TimeMs * Timestamp.NanosPerMillisecond,
            ClientOrderId = m.ClientOrderId,
            BrokerOrderId = (long)m.Ticket,
            Side = m.Side,
            Code = (int)m.Kind,
        };
        SetLevels(ref report, id, m.Volume, m.Price, m.StopLoss, m.TakeProfit);

        Publish(report);
    }

    /// <summary>
    /// Remembers a fill's deal ticket; false when it was published already. A deal is one fill at the terminal, so a
    /// client that resends a result (e.g. after a reconnect) cannot make the engine apply it twice. The last
    /// <see cref="RecentDealCount"/> deals are kept across sessions; checked per fill only, never per tick.
    /// </summary>
    private bool RememberDeal(long deal)
    {
        foreach (var seen in _recentDeals)
        {
            if (seen == deal)
            {
                return false;
            }
        }

        _recentDeals[_nextRecentDeal] = deal;
        _nextRecentDeal = (_nextRecentDeal + 1) % RecentDealCount;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DuplicateDeal(ulong deal, long clientOrderId)
    {
        Statistics.DuplicateDealDropped();
        Logger.Warning("Fill of deal {Deal} (order {ClientOrderId}) received again; dropped", deal, clientOrderId);
    }

    /// <summary>Converts a report's volume and price levels to the symbol's fixed point (unknown symbols keep zeros).</summary>
    private void SetLevels(ref BrokerReport report, int symbolId, double lots, double price, double stopLoss, double takeProfit)
    {
        if (symbolId < 0)
        {
            return;
        }

        var instrument = Symbols.Catalog[symbolId];
        report.Volume = BridgePriceConverter.LotsToUnits(lots, instrument.VolumeDigits);
        report.Price = BridgePriceConverter.ToUnitsOrZero(price, instrument.Digits);
        report.StopLoss = BridgePriceConverter.ToUnitsOrZero(stopLoss, instrument.Digits);
        report.TakeProfit = BridgePriceConverter.ToUnitsOrZero(takeProfit, instrument.Digits);
    }

    private void Publish(in BrokerReport report)
    {
        _publisher.PublishReport(in report);
        Statistics.ReportPublished();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountPriceReject(RejectReason reason, int symbolId)
    {
        if (reason == RejectReason.NonFinitePrice)
        {
            Statistics.RejectedNonFinitePrice();
        }
        else
        {
            Statistics.RejectedNonPositivePrice();
        }

        RejectLog(reason == RejectReason.NonFinitePrice ? "non-finite price" : "non-positive price", symbolId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Malformed(BridgeMessageType type, int length)
    {
        Statistics.MalformedFrame();
        RejectLog("malformed frame", (int)type, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RejectLog(string reason, int symbol, int length = -1)
    {
        var now = Environment.TickCount64;
        if (now - _lastRejectLogAt < RejectLogIntervalMs)
        {
            return;
        }

        _lastRejectLogAt = now;
        Logger.Warning("Bridge reject: {Reason} (symbol/type {Value}, payload {Length} bytes); totals: unknown symbol {Unknown}, non-finite {NonFinite}, non-positive {NonPositive}, malformed {Malformed}",
            reason, symbol, length, Statistics.RejectedUnknownSymbol, Statistics.RejectedNonFinite, Statistics.RejectedNonPositive, Statistics.MalformedFrames);
    }
}
