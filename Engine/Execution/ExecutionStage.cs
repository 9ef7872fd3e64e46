using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;
using Serilog;

namespace IctEngine.Execution;

/// <summary>
/// The execution stage: turns risk's order requests into orders at the broker, runs the simulated broker on every
/// accepted tick, applies broker reports (simulated, or live ones arriving through the ring) to the shared
/// <see cref="AccountState"/>, and journals every step (field meanings in docs/RISK.md). Runs on the risk thread.
/// </summary>
public sealed class ExecutionStage : IEventHandler<EngineEvent>
{
    private static readonly ILogger Logger = Log.ForContext<ExecutionStage>();

    private readonly AccountState _account;
    private readonly IBroker _broker;
    private readonly SimulatedBroker? _simulated;
    private readonly SpscQueue<OrderRequest> _requests;
    private readonly SpscQueue<Decision> _decisions;
    private long _nextClientOrderId;
    private Reconciler? _reconciler;

    public ExecutionStage(ExecutionOptions options, AccountState account, IBroker broker,
        SpscQueue<OrderRequest> requests, SpscQueue<Decision> decisions)
    {
        _account = account;
        _broker = broker;
        _simulated = broker as SimulatedBroker;
        _requests = requests;
        _decisions = decisions;
        _nextClientOrderId = options.FirstClientOrderId;
    }

    public SpscQueue<Decision> Decisions => _decisions;

    public AccountState Account => _account;

    /// <summary>The id the next order gets.</summary>
    public long NextClientOrderId => _nextClientOrderId;

    /// <summary>Exit fills that found no open position (applied nothing; a late live deal after reconciliation).</summary>
    public long IgnoredExits { get; private set; }

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        var before = _decisions.Written;
        var now = data.TimeNs;
        for (var i = 0; i < data.OrderRequestCount; i++)
        {
            var request = _requests.Read();
            Handle(request, now);
        }

        if (data.Kind == EngineEventKind.Tick && data.Reject == RejectReason.None)
        {
            // Risk has already marked the shared account to this tick (same thread, earlier in the slot).
            _simulated?.OnTick(data.Tick);
        }
        else if (data.Kind == EngineEventKind.BrokerReport)
        {
            if (data.Report.Type == BrokerReportType.None)
            {
                Reconcile(now, data.Report.BrokerOrderId);
            }
            else
            {
                Apply(data.Report);
            }
        }

        while (_broker.TryReadReport(out var report))
        {
            Apply(report);
        }

        data.Decisions[(int)PipelineStage.Execution] = (int)(_decisions.Written - before);
    }

    /// <summary>
    /// Arms reconciliation (live): it runs on this stage's thread at every broker report of type
    /// <see cref="BrokerReportType.None"/>, which the live host publishes once per bridge session, after the terminal's
    /// snapshot of positions, orders and account and before the session's first tick, so nothing trades on unreconciled
    /// state after a restart or a reconnect. The marker's <see cref="BrokerReport.BrokerOrderId"/> names the broker
    /// snapshot captured with it (<see cref="IBrokerSnapshots"/>).
    /// </summary>
    public void ReconcileAtMarkers(Reconciler reconciler) => Volatile.Write(ref _reconciler, reconciler);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Reconcile(long nowNs, long snapshotId) => Volatile.Read(ref _reconciler)?.ReconcileAtMarker(nowNs, snapshotId);

    /// <summary>
    /// Continues the id sequence after the state was rebuilt from the journal, so no id is ever reused.
    /// </summary>
    public void ResumeAfter(long lastClientOrderId) => _nextClientOrderId = Math.Max(_nextClientOrderId, lastClientOrderId + 1);

    /// <summary>
    /// Cancels one of our working orders (the order book's cancel; the outcome is journaled when the broker's answer
    /// is applied). Pipeline thread only: the broker is not thread-safe.
    /// </summary>
    public bool Cancel(long clientOrderId, long nowNs)
    {
        if (!_account.Orders.TryGet(clientOrderId, out var order) || !order.IsActive)
        {
            return false;
        }

        _broker.Cancel(clientOrderId, nowNs);
        return true;
    }

    private void Handle(in OrderRequest request, long nowNs)
    {
        switch (request.Kind)
        {
            case OrderRequestKind.Open:
                SubmitEntry(request, nowNs);
                break;
            case OrderRequestKind.Close:
                SubmitClose(request.PositionId, request.Volume, request.CausationId, request.Reason, nowNs);
                break;
            case OrderRequestKind.Cancel:
                Cancel(request.ClientOrderId, nowNs);
                break;
            case OrderRequestKind.Modify:
                Modify(request, nowNs);
                break;
            case OrderRequestKind.Flatten:
                Flatten(request.CausationId, request.Reason, nowNs);
                break;
        }
    }

    private void SubmitEntry(in OrderRequest r, long nowNs)
    {
        var order = new Order
        {
            ClientOrderId = _nextClientOrderId++, Type = r.Type, Status = OrderStatus.Submitted, Side = r.Side,
            SymbolId = r.SymbolId, Volume = r.Volume, Price = r.Price, StopLoss = r.StopLoss, TakeProfit = r.TakeProfit,
            ExpiresAtNs = r.ExpiresAtNs, SignalId = r.SignalId, SignalTimeNs = r.SignalTimeNs, SubmittedNs = nowNs,
        };
        ref var d = ref Journal(DecisionType.OrderSubmitted, order.SymbolId, nowNs, order.ClientOrderId, r.SignalId, r.CausationId);
        d.Code = (int)order.Type;
        d.Ref0 = r.SignalId;
        d.Ref1 = r.Side;
        d.A = r.Volume;
        d.B = r.Price;
        d.C = r.StopLoss;
        d.D = r.TakeProfit;
        d.E = r.ExpiresAtNs;
        d.F = r.SignalTimeNs;
        _decisions.Publish();
        if (!_account.Orders.TryAdd(order))
        {
            Rejected(order.ClientOrderId, order.SymbolId, nowNs, (int)BrokerRejectCode.CapacityReached);
            return;
        }

        _broker.Submit(order, nowNs);
    }

    private void SubmitClose(long positionId, long volume, long causationId, int reason, long nowNs)
    {
        var index = _account.IndexOf(positionId);
        if (index < 0 || HasActiveClose(positionId))
        {
            return;
        }

        ref readonly var p = ref _account.PositionAt(index);
        var order = new Order
        {
            ClientOrderId = _nextClientOrderId++, Type = OrderType.Market, Status = OrderStatus.Submitted, IsClose = true,
            Side = -p.Side, SymbolId = p.SymbolId, Volume = volume == 0 ? p.Volume : Math.Min(volume, p.Volume),
            SignalId = p.SignalId, SubmittedNs = nowNs, PositionId = positionId, Reason = reason,
            Price = p.Side > 0 ? _account.Converter.Bid(p.SymbolId) : _account.Converter.Ask(p.SymbolId),
        };
        ref var d = ref Journal(DecisionType.OrderSubmitted, order.SymbolId, nowNs, order.ClientOrderId, p.SignalId, causationId);
        d.Code = (int)OrderType.Market;
        d.Ref0 = p.SignalId;
        d.Ref1 = order.Side;
        d.Ref2 = positionId;
        d.A = order.Volume;
        d.B = order.Price;
        _decisions.Publish();
        if (!_account.Orders.TryAdd(order))
        {
            Rejected(order.ClientOrderId, order.SymbolId, nowNs, (int)BrokerRejectCode.CapacityReached);
            return;
        }

        _broker.Close(order.ClientOrderId, positionId, volume == 0 ? 0 : order.Volume, nowNs);
    }

    private void Modify(in OrderRequest r, long nowNs)
    {
        var index = _account.IndexOf(r.PositionId);
        if (index < 0)
        {
            return;
        }

        // Our copy moves when the request is sent; the broker applies it after its latency.
        ref var p = ref _account.PositionAt(index);
        p.StopLoss = r.StopLoss;
        p.TakeProfit = r.TakeProfit;
        ref var d = ref Journal(DecisionType.PositionChanged, p.SymbolId, nowNs, p.Id, p.SignalId, r.CausationId);
        d.Code = (int)PositionChangeKind.StopsModified;
        d.Ref0 = p.SignalId;
        d.Ref1 = p.Side;
        d.A = p.Volume;
        d.C = r.StopLoss;
        d.D = r.TakeProfit;
        d.E = p.EntryPrice;
        d.F = _account.BalanceMicros;
        _decisions.Publish();
        _broker.Modify(r.PositionId, r.StopLoss, r.TakeProfit, nowNs);
    }

    private void Flatten(long causationId, int reason, long nowNs)
    {
        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.IsActive && !o.IsClose)
            {
                _broker.Cancel(o.ClientOrderId, nowNs);
            }
        }

        // Closing removes nothing until the fills come back, so walking the positions here is safe.
        for (var i = 0; i < _account.PositionCount; i++)
        {
            SubmitClose(_account.PositionAt(i).Id, 0, causationId, reason, nowNs);
        }
    }

    private bool HasActiveClose(long positionId)
    {
        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.IsActive && o.IsClose && o.PositionId == positionId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Applies one broker report to the order book and the positions, journaling what changed.</summary>
    private void Apply(in BrokerReport report)
    {
        switch (report.Type)
        {
            case BrokerReportType.OrderAccepted:
                ref var accepted = ref _account.Orders.Find(report.ClientOrderId);
                if (!Unsafe.IsNullRef(ref accepted) && accepted.Status == OrderStatus.Submitted)
                {
                    accepted.BrokerOrderId = report.BrokerOrderId;
                    _account.Orders.SetStatus(report.ClientOrderId, OrderStatus.Working);
                    ref var d = ref Journal(DecisionType.OrderAccepted, report.SymbolId, report.TimeNs, report.ClientOrderId, accepted.SignalId, report.ClientOrderId);
                    d.Ref0 = report.BrokerOrderId;
                    _decisions.Publish();
                }

                break;
            case BrokerReportType.OrderRejected:
                // A refused cancel (the order already filled or is gone) leaves the order as it is.
                if (report.Code != (int)BrokerRejectCode.UnknownOrder)
                {
                    Rejected(report.ClientOrderId, report.SymbolId, report.TimeNs, report.Code);
                }

                break;
            case BrokerReportType.OrderCancelled:
                var expired = report.Code == 1;
                if (_account.Orders.TryGet(report.ClientOrderId, out var cancelled) && cancelled.IsActive)
                {
                    _account.Orders.SetStatus(report.ClientOrderId, expired ? OrderStatus.Expired : OrderStatus.Cancelled);
                    ref var d = ref Journal(expired ? DecisionType.OrderExpired : DecisionType.OrderCancelled, report.SymbolId,
                        report.TimeNs, report.ClientOrderId, cancelled.SignalId, report.ClientOrderId);
                    d.A = cancelled.Volume - cancelled.FilledVolume;
                    _decisions.Publish();
                }

                break;
            case BrokerReportType.Fill:
                ApplyFill(report);
                break;
            case BrokerReportType.AccountState:
                // Live only (a reconciler is armed): adopt a settled balance difference between reconciliations.
                Volatile.Read(ref _reconciler)?.ObserveAccount(report.TimeNs, report);
                break;
        }
    }

    private void Rejected(long clientOrderId, int symbolId, long timeNs, int code)
    {
        if (!_account.Orders.TryGet(clientOrderId, out var order) || !order.IsActive)
        {
            return;
        }

        _account.Orders.SetStatus(clientOrderId, OrderStatus.Rejected);
        ref var d = ref Journal(DecisionType.OrderRejected, symbolId < 0 ? order.SymbolId : symbolId, timeNs, clientOrderId, order.SignalId, clientOrderId);
        d.Code = code;
        d.A = order.Volume;
        _decisions.Publish();
    }

    private void ApplyFill(in BrokerReport report)
    {
        ref var order = ref _account.Orders.Find(report.ClientOrderId);
        var hasOrder = !Unsafe.IsNullRef(ref order);
        var index = _account.IndexOf(report.PositionId);
        var closing = index >= 0 && _account.PositionAt(index).Side == -report.Side;
        if (index < 0 && (report.Code != 0 || (hasOrder && order.IsClose)))
        {
            // An exit (it carries a close reason, or our close order caused it) of a position we no longer hold, e.g.
            // a live terminal's deal arriving after reconciliation removed the position: it must not open one.
            IgnoredExit(report);
            return;
        }

        var signalId = hasOrder ? order.SignalId : (index >= 0 ? _account.PositionAt(index).SignalId : 0);
        var reference = hasOrder ? order.Price : 0;
        if (hasOrder && order.Type == OrderType.Market && !order.IsClose && order.Price == 0)
        {
            reference = report.Price;
        }

        // Slippage is adverse-positive: paying more on a buy or receiving less on a sell.
        var slippage = reference == 0 ? 0 : (report.Price - reference) * report.Side;
        if (hasOrder && !order.IsClose && order.Type == OrderType.Limit)
        {
            slippage = Math.Max(0, slippage);
        }

        // Stop-loss and take-profit fills have no order of ours: they chain to the position instead.
        var cause = report.ClientOrderId != 0 ? report.ClientOrderId : report.PositionId;
        ref var f = ref Journal(DecisionType.OrderFilled, report.SymbolId, report.TimeNs, report.ClientOrderId, signalId, cause);
        f.Code = report.Code;
        f.Ref0 = signalId;
        f.Ref1 = report.Side;
        f.Ref2 = report.PositionId;
        f.A = report.Volume;
        f.B = report.Price;
        f.C = reference;
        f.D = slippage;
        f.E = report.CommissionMicros;
        f.F = hasOrder && order.SignalTimeNs != 0 ? report.TimeNs - order.SignalTimeNs : 0;
        _decisions.Publish();
        if (hasOrder)
        {
            order.FilledVolume += report.Volume;
            if (order.FilledVolume >= order.Volume)
            {
                _account.Orders.SetStatus(report.ClientOrderId, OrderStatus.Filled);
            }
        }

        if (closing)
        {
            CloseFromFill(index, report, hasOrder ? order.Reason : 0, cause);
        }
        else if (index >= 0)
        {
            IncreaseFromFill(index, report, cause);
        }
        else
        {
            OpenFromFill(report, signalId);
        }
    }

    private void OpenFromFill(in BrokerReport report, long signalId)
    {
        var opened = _account.TryOpen(new Position
        {
            Id = report.PositionId, SymbolId = report.SymbolId, Side = report.Side, Volume = report.Volume,
            InitialVolume = report.Volume, EntryPrice = report.Price, StopLoss = report.StopLoss,
            TakeProfit = report.TakeProfit, SignalId = signalId, OpenedNs = report.TimeNs,
            CommissionMicros = report.CommissionMicros,
        });
        if (!opened)
        {
            ThrowPositionsFull();
        }

        ref var d = ref Journal(DecisionType.PositionOpened, report.SymbolId, report.TimeNs, report.PositionId, signalId, report.ClientOrderId);
        d.Ref0 = signalId;
        d.Ref1 = report.Side;
        d.A = report.Volume;
        d.B = report.Price;
        d.C = report.StopLoss;
        d.D = report.TakeProfit;
        d.E = report.CommissionMicros;
        _decisions.Publish();
    }

    /// <summary>A further partial fill of the opening order (live brokers fill large orders in parts).</summary>
    private void IncreaseFromFill(int index, in BrokerReport report, long cause)
    {
        var entry = _account.Increase(index, report.Volume, report.Price, report.CommissionMicros);
        ref readonly var p = ref _account.PositionAt(index);
        ref var c = ref Journal(DecisionType.PositionChanged, report.SymbolId, report.TimeNs, p.Id, p.SignalId, cause);
        c.Code = (int)PositionChangeKind.Increased;
        c.Ref0 = p.SignalId;
        c.Ref1 = p.Side;
        c.A = p.Volume;
        c.B = report.Price;
        c.C = report.Volume;
        c.E = entry;
        c.F = _account.BalanceMicros;
        _decisions.Publish();
    }

    private void CloseFromFill(int index, in BrokerReport report, int orderReason, long cause)
    {
        var before = _account.PositionAt(index);
        var reason = report.Code != 0 ? report.Code : (orderReason != 0 ? orderReason : (int)CloseReason.Manual);
        var realised = _account.Close(index, report.Volume, report.Price, report.CommissionMicros);
        var remaining = before.Volume - Math.Min(report.Volume, before.Volume);
        if (remaining > 0)
        {
            ref var c = ref Journal(DecisionType.PositionChanged, report.SymbolId, report.TimeNs, before.Id, before.SignalId, cause);
            c.Code = (int)PositionChangeKind.PartialClose;
            c.Ref0 = before.SignalId;
            c.Ref1 = before.Side;
            c.Ref2 = reason;
            c.A = remaining;
            c.B = report.Price;
            c.C = report.Volume;
            c.D = realised;
            c.E = before.EntryPrice;
            c.F = _account.BalanceMicros;
            _decisions.Publish();
            return;
        }

        ref var d = ref Journal(DecisionType.PositionClosed, report.SymbolId, report.TimeNs, before.Id, before.SignalId, cause);
        d.Code = reason;
        d.Ref0 = before.SignalId;
        d.Ref1 = before.Side;
        d.Ref2 = before.InitialVolume;
        d.A = report.Volume;
        d.B = before.EntryPrice;
        d.C = report.Price;
        d.D = before.RealisedMicros + realised;
        d.E = before.CommissionMicros + report.CommissionMicros;
        d.F = realised;
        _decisions.Publish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Decision Journal(DecisionType type, int symbolId, long timeNs, long id, long correlationId, long causationId)
    {
        ref var d = ref _decisions.Claim();
        d.Type = type;
        d.SymbolId = symbolId;
        d.TimeNs = timeNs;
        d.Id = id;
        d.CorrelationId = correlationId;
        d.CausationId = causationId;
        return ref d;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void IgnoredExit(in BrokerReport report)
    {
        IgnoredExits++;
        Logger.Warning("Exit fill for position {Position} (order {ClientOrderId}, reason {Reason}) but no such position is open; ignored",
            report.PositionId, report.ClientOrderId, (CloseReason)report.Code);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowPositionsFull() =>
        throw new InvalidOperationException("The account's position table is full; raise its capacity.");
}
