using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Execution;

/// <summary>
/// A broker simulated from the tick stream, for replay. Market orders fill at the quote (buys at ask, sells at bid),
/// limits when the market trades at their price or better, stops when it trades through (at the first available
/// price, so gaps slip), stop-loss/take-profit likewise on the position's closing side. Every request waits out the
/// configured latency and acts on the first tick of its symbol at or after send time + latency. Deterministic:
/// driven only by <see cref="OnTick"/>, in call order, with preallocated tables (no allocation per tick).
/// </summary>
public sealed class SimulatedBroker : IBroker
{
    private readonly ExecutionOptions _options;
    private readonly InstrumentCatalog _instruments;
    private readonly Request[] _pending;
    private readonly Order[] _working;
    private readonly SimPosition[] _positions;
    private readonly BrokerReport[] _reports;
    private readonly long _commissionPerLotMicros;
    private int _pendingCount;
    private int _workingCount;
    private int _positionCount;
    private int _reportHead;
    private int _reportTail;
    private long _nextBrokerOrderId = 1;

    public SimulatedBroker(ExecutionOptions options, InstrumentCatalog instruments)
    {
        _options = options;
        _instruments = instruments;
        _pending = new Request[options.MaxPendingRequests];
        _working = new Order[options.MaxBrokerPositions];
        _positions = new SimPosition[options.MaxBrokerPositions];
        _reports = new BrokerReport[4096];
        _commissionPerLotMicros = Money.FromDecimal(options.CommissionPerLot).Micros;
    }

    /// <summary>Open positions at the broker.</summary>
    public int PositionCount => _positionCount;

    /// <summary>Working (resting) orders at the broker.</summary>
    public int WorkingOrderCount => _workingCount;

    /// <summary>Entry orders ever received (a reconciliation test checks nothing was sent twice).</summary>
    public int SubmittedCount { get; private set; }

    public void Submit(in Order order, long nowNs)
    {
        SubmittedCount++;
        var ins = _instruments[order.SymbolId];
        if (!ValidVolume(ins, order.Volume))
        {
            Report(BrokerReportType.OrderRejected, order.ClientOrderId, order.SymbolId, nowNs, (int)BrokerRejectCode.InvalidVolume);
            return;
        }

        Enqueue(new Request { Kind = RequestKind.Submit, Order = order, ReadyNs = nowNs + _options.LatencyNs });
    }

    public void Close(long clientOrderId, long positionId, long volume, long nowNs)
    {
        var index = PositionIndex(positionId);
        var symbol = index >= 0 ? _positions[index].SymbolId : -1;
        if (index < 0 || (volume != 0 && !ValidVolume(_instruments[symbol], volume)))
        {
            Report(BrokerReportType.OrderRejected, clientOrderId, symbol, nowNs,
                (int)(index < 0 ? BrokerRejectCode.UnknownPosition : BrokerRejectCode.InvalidVolume));
            return;
        }

        Enqueue(new Request
        {
            Kind = RequestKind.Close,
            Order = new Order { ClientOrderId = clientOrderId, SymbolId = symbol, PositionId = positionId, Volume = volume },
            ReadyNs = nowNs + _options.LatencyNs,
        });
    }

    public void Cancel(long clientOrderId, long nowNs)
    {
        var index = WorkingIndex(clientOrderId);
        var symbol = index >= 0 ? _working[index].SymbolId : PendingSymbol(clientOrderId);
        if (symbol < 0)
        {
            Report(BrokerReportType.OrderRejected, clientOrderId, -1, nowNs, (int)BrokerRejectCode.UnknownOrder);
            return;
        }

        Enqueue(new Request
        {
            Kind = RequestKind.Cancel,
            Order = new Order { ClientOrderId = clientOrderId, SymbolId = symbol },
            ReadyNs = nowNs + _options.LatencyNs,
        });
    }

    public void Modify(long positionId, long stopLoss, long takeProfit, long nowNs)
    {
        var index = PositionIndex(positionId);
        if (index < 0)
        {
            return;
        }

        Enqueue(new Request
        {
            Kind = RequestKind.Modify,
            Order = new Order { SymbolId = _positions[index].SymbolId, PositionId = positionId, StopLoss = stopLoss, TakeProfit = takeProfit },
            ReadyNs = nowNs + _options.LatencyNs,
        });
    }

    public bool TryReadReport(out BrokerReport report)
    {
        if (_reportHead == _reportTail)
        {
            report = default;
            return false;
        }

        report = _reports[_reportTail++ & (_reports.Length - 1)];
        return true;
    }

    public int GetPositions(Span<BrokerReport> destination)
    {
        var n = Math.Min(destination.Length, _positionCount);
        for (var i = 0; i < n; i++)
        {
            ref readonly var p = ref _positions[i];
            destination[i] = new BrokerReport
            {
                Type = BrokerReportType.PositionState, SymbolId = p.SymbolId, PositionId = p.Id, Side = p.Side,
                Volume = p.Volume, Price = p.EntryPrice, StopLoss = p.StopLoss, TakeProfit = p.TakeProfit,
                TimeNs = p.OpenedNs, ClientOrderId = p.Id,
            };
        }

        return n;
    }

    public int GetOrders(Span<BrokerReport> destination)
    {
        var n = Math.Min(destination.Length, _workingCount);
        for (var i = 0; i < n; i++)
        {
            ref readonly var o = ref _working[i];
            destination[i] = new BrokerReport
            {
                Type = BrokerReportType.OrderState, SymbolId = o.SymbolId, ClientOrderId = o.ClientOrderId,
                BrokerOrderId = o.BrokerOrderId, Side = o.Side, Volume = o.Volume, Price = o.Price,
                StopLoss = o.StopLoss, TakeProfit = o.TakeProfit, Code = (int)o.Type, TimeNs = o.ExpiresAtNs,
            };
        }

        return n;
    }

    /// <summary>Advances the market by one accepted tick: due requests, then resting orders, then stops and targets.</summary>
    public void OnTick(in Tick tick)
    {
        if (_pendingCount != 0)
        {
            ProcessPending(tick);
        }

        if (_workingCount != 0)
        {
            ProcessWorking(tick);
        }

        if (_positionCount != 0)
        {
            ProcessStops(tick);
        }
    }

    /// <summary>True when the simulated market has liquidity at this time (closed Friday close → Sunday open, UTC).</summary>
    public bool IsMarketOpen(long timeNs)
    {
        var days = Math.DivRem(timeNs, Timestamp.NanosPerDay, out var timeOfDay);
        var dayOfWeek = (days + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday.
        return dayOfWeek switch
        {
            5 => timeOfDay < _options.FridayCloseUtc.Ticks * 100,
            6 => false,
            0 => timeOfDay >= _options.SundayOpenUtc.Ticks * 100,
            _ => true,
        };
    }

    private void ProcessPending(in Tick tick)
    {
        var kept = 0;
        for (var i = 0; i < _pendingCount; i++)
        {
            ref var r = ref _pending[i];
            if (r.Order.SymbolId != tick.SymbolId || r.ReadyNs > tick.TimeNs)
            {
                _pending[kept++] = r;
                continue;
            }

            Execute(r, tick);
        }

        Array.Clear(_pending, kept, _pendingCount - kept);
        _pendingCount = kept;
    }

    private void Execute(in Request r, in Tick tick)
    {
        var t = tick.TimeNs;
        if (_options.RejectOutsideMarketHours && r.Kind is RequestKind.Submit or RequestKind.Close && !IsMarketOpen(t))
        {
            Report(BrokerReportType.OrderRejected, r.Order.ClientOrderId, r.Order.SymbolId, t, (int)BrokerRejectCode.MarketClosed);
            return;
        }

        switch (r.Kind)
        {
            case RequestKind.Submit:
                Accept(r.Order, tick);
                break;
            case RequestKind.Close:
                var index = PositionIndex(r.Order.PositionId);
                if (index < 0)
                {
                    Report(BrokerReportType.OrderRejected, r.Order.ClientOrderId, r.Order.SymbolId, t, (int)BrokerRejectCode.UnknownPosition);
                    return;
                }

                Report(BrokerReportType.OrderAccepted, r.Order.ClientOrderId, r.Order.SymbolId, t, 0);
                var side = -_positions[index].Side;
                ClosePosition(index, r.Order.ClientOrderId, r.Order.Volume, MarketPrice(side, tick, true), t, 0);
                break;
            case RequestKind.Cancel:
                var w = WorkingIndex(r.Order.ClientOrderId);
                if (w < 0)
                {
                    Report(BrokerReportType.OrderRejected, r.Order.ClientOrderId, r.Order.SymbolId, t, (int)BrokerRejectCode.UnknownOrder);
                    return;
                }

                RemoveWorking(w);
                Report(BrokerReportType.OrderCancelled, r.Order.ClientOrderId, r.Order.SymbolId, t, 0);
                break;
            case RequestKind.Modify:
                var m = PositionIndex(r.Order.PositionId);
                if (m >= 0)
                {
                    _positions[m].StopLoss = r.Order.StopLoss;
                    _positions[m].TakeProfit = r.Order.TakeProfit;
                }

                break;
        }
    }

    private void Accept(in Order order, in Tick tick)
    {
        var t = tick.TimeNs;
        if (!StopsValid(order, tick))
        {
            Report(BrokerReportType.OrderRejected, order.ClientOrderId, order.SymbolId, t, (int)BrokerRejectCode.InvalidStops);
            return;
        }

        if (order.Type == OrderType.Market)
        {
            ref var accepted = ref Report(BrokerReportType.OrderAccepted, order.ClientOrderId, order.SymbolId, t, 0);
            accepted.BrokerOrderId = _nextBrokerOrderId++;
            Open(order, MarketPrice(order.Side, tick, true), t);
            return;
        }

        if (_workingCount == _working.Length)
        {
            Report(BrokerReportType.OrderRejected, order.ClientOrderId, order.SymbolId, t, (int)BrokerRejectCode.CapacityReached);
            return;
        }

        ref var w = ref _working[_workingCount++];
        w = order;
        w.BrokerOrderId = _nextBrokerOrderId++;
        w.Status = OrderStatus.Working;
        ref var report = ref Report(BrokerReportType.OrderAccepted, order.ClientOrderId, order.SymbolId, t, 0);
        report.BrokerOrderId = w.BrokerOrderId;
    }

    private void ProcessWorking(in Tick tick)
    {
        for (var i = 0; i < _workingCount; i++)
        {
            ref var o = ref _working[i];
            if (o.SymbolId != tick.SymbolId)
            {
                continue;
            }

            if (o.ExpiresAtNs != 0 && tick.TimeNs >= o.ExpiresAtNs)
            {
                Report(BrokerReportType.OrderCancelled, o.ClientOrderId, o.SymbolId, tick.TimeNs, 1);
                RemoveWorking(i--);
                continue;
            }

            var quote = o.Side > 0 ? tick.Ask : tick.Bid;
            var triggered = o.Type == OrderType.Limit
                ? (o.Side > 0 ? quote <= o.Price : quote >= o.Price)
                : (o.Side > 0 ? quote >= o.Price : quote <= o.Price);
            if (!triggered || !IsMarketOpen(tick.TimeNs))
            {
                continue;
            }

            var price = o.Type == OrderType.Stop ? quote + (o.Side * _options.SlippagePoints) : quote;
            var order = o;
            RemoveWorking(i--);
            Open(order, price, tick.TimeNs);
        }
    }

    private void ProcessStops(in Tick tick)
    {
        for (var i = 0; i < _positionCount; i++)
        {
            ref var p = ref _positions[i];
            if (p.SymbolId != tick.SymbolId)
            {
                continue;
            }

            // A long closes on the bid, a short on the ask; whichever level the quote reached fills at the quote.
            var quote = p.Side > 0 ? tick.Bid : tick.Ask;
            var stopHit = p.StopLoss != 0 && (p.Side > 0 ? quote <= p.StopLoss : quote >= p.StopLoss);
            var targetHit = p.TakeProfit != 0 && (p.Side > 0 ? quote >= p.TakeProfit : quote <= p.TakeProfit);
            if (stopHit)
            {
                ClosePosition(i--, 0, 0, quote - (p.Side * _options.SlippagePoints), tick.TimeNs, (int)CloseReason.StopLoss);
            }
            else if (targetHit)
            {
                ClosePosition(i--, 0, 0, quote, tick.TimeNs, (int)CloseReason.TakeProfit);
            }
        }
    }

    private void Open(in Order order, long price, long timeNs)
    {
        if (_positionCount == _positions.Length)
        {
            Report(BrokerReportType.OrderRejected, order.ClientOrderId, order.SymbolId, timeNs, (int)BrokerRejectCode.CapacityReached);
            return;
        }

        _positions[_positionCount++] = new SimPosition
        {
            Id = order.ClientOrderId, SymbolId = order.SymbolId, Side = order.Side, Volume = order.Volume,
            EntryPrice = price, StopLoss = order.StopLoss, TakeProfit = order.TakeProfit, OpenedNs = timeNs,
        };
        ref var fill = ref Report(BrokerReportType.Fill, order.ClientOrderId, order.SymbolId, timeNs, 0);
        fill.PositionId = order.ClientOrderId;
        fill.Side = order.Side;
        fill.Volume = order.Volume;
        fill.Price = price;
        fill.StopLoss = order.StopLoss;
        fill.TakeProfit = order.TakeProfit;
        fill.CommissionMicros = Commission(order.SymbolId, order.Volume);
    }

    /// <summary>Closes <paramref name="volume"/> (0: all) of the position at <paramref name="index"/>.</summary>
    private void ClosePosition(int index, long clientOrderId, long volume, long price, long timeNs, int reason)
    {
        ref var p = ref _positions[index];
        if (volume == 0 || volume > p.Volume)
        {
            volume = p.Volume;
        }

        ref var fill = ref Report(BrokerReportType.Fill, clientOrderId, p.SymbolId, timeNs, reason);
        fill.PositionId = p.Id;
        fill.Side = -p.Side;
        fill.Volume = volume;
        fill.Price = price;
        fill.CommissionMicros = Commission(p.SymbolId, volume);
        p.Volume -= volume;
        if (p.Volume == 0)
        {
            _positions[index] = _positions[--_positionCount];
            _positions[_positionCount] = default;
        }
    }

    private long MarketPrice(int side, in Tick tick, bool slip) =>
        (side > 0 ? tick.Ask : tick.Bid) + (slip ? side * _options.SlippagePoints : 0);

    private static bool StopsValid(in Order o, in Tick tick)
    {
        var reference = o.Type == OrderType.Market ? (o.Side > 0 ? tick.Ask : tick.Bid) : o.Price;
        return (o.StopLoss == 0 || (o.Side > 0 ? o.StopLoss < reference : o.StopLoss > reference))
            && (o.TakeProfit == 0 || (o.Side > 0 ? o.TakeProfit > reference : o.TakeProfit < reference));
    }

    private static bool ValidVolume(Instrument ins, long volume)
    {
        var scale = Price.PowerOfTen(ins.VolumeDigits);
        var min = (long)(ins.VolumeMin * scale);
        var max = (long)(ins.VolumeMax * scale);
        var step = Math.Max(1, (long)(ins.VolumeStep * scale));
        return volume >= min && volume <= max && volume % step == 0;
    }

    private long Commission(int symbolId, long volume) =>
        _commissionPerLotMicros * volume / Price.PowerOfTen(_instruments[symbolId].VolumeDigits);

    private int PositionIndex(long positionId)
    {
        for (var i = 0; i < _positionCount; i++)
        {
            if (_positions[i].Id == positionId)
            {
                return i;
            }
        }

        return -1;
    }

    private int WorkingIndex(long clientOrderId)
    {
        for (var i = 0; i < _workingCount; i++)
        {
            if (_working[i].ClientOrderId == clientOrderId)
            {
                return i;
            }
        }

        return -1;
    }

    private int PendingSymbol(long clientOrderId)
    {
        for (var i = 0; i < _pendingCount; i++)
        {
            if (_pending[i].Kind == RequestKind.Submit && _pending[i].Order.ClientOrderId == clientOrderId)
            {
                return _pending[i].Order.SymbolId;
            }
        }

        return -1;
    }

    private void RemoveWorking(int index)
    {
        // Shift rather than swap: resting orders keep their arrival order, so triggers fire deterministically in it.
        Array.Copy(_working, index + 1, _working, index, _workingCount - index - 1);
        _working[--_workingCount] = default;
    }

    private void Enqueue(in Request request)
    {
        if (_pendingCount == _pending.Length)
        {
            Report(BrokerReportType.OrderRejected, request.Order.ClientOrderId, request.Order.SymbolId, request.ReadyNs,
                (int)BrokerRejectCode.CapacityReached);
            return;
        }

        _pending[_pendingCount++] = request;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref BrokerReport Report(BrokerReportType type, long clientOrderId, int symbolId, long timeNs, int code)
    {
        if (_reportHead - _reportTail == _reports.Length)
        {
            ThrowReportsFull();
        }

        ref var r = ref _reports[_reportHead++ & (_reports.Length - 1)];
        r = new BrokerReport { Type = type, ClientOrderId = clientOrderId, SymbolId = symbolId, TimeNs = timeNs, Code = code };
        return ref r;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowReportsFull() =>
        throw new InvalidOperationException("The simulated broker's report queue is full: reports must be read after every call.");

    private enum RequestKind : byte
    {
        Submit,
        Close,
        Cancel,
        Modify,
    }

    private struct Request
    {
        public RequestKind Kind;
        public Order Order;
        public long ReadyNs;
    }

    private struct SimPosition
    {
        public long Id;
        public int SymbolId;
        public int Side;
        public long Volume;
        public long EntryPrice;
        public long StopLoss;
        public long TakeProfit;
        public long OpenedNs;
    }
}
