using IctEngine.Core;
using Serilog;

namespace IctEngine.Execution;

/// <summary>
/// After a restart (state rebuilt from the journal with <see cref="AccountState.Apply"/>), compares our positions
/// and orders with what the broker reports and resolves every difference by one rule: <b>the broker is the truth</b>.
/// Each difference is journaled as a ReconciliationDifference decision and applied through
/// <see cref="AccountState.Apply"/>, so a later rebuild reaches the same state. Nothing is ever re-sent: an order
/// that was in flight is marked filled (the broker has its position), working (the broker has it) or cancelled.
/// </summary>
public sealed class Reconciler
{
    private static readonly ILogger Logger = Log.ForContext<Reconciler>();

    private readonly AccountState _account;
    private readonly IBroker _broker;
    private readonly SpscQueue<Decision> _decisions;
    private readonly BrokerReport[] _brokerPositions;
    private readonly BrokerReport[] _brokerOrders;

    public Reconciler(AccountState account, IBroker broker, SpscQueue<Decision> decisions, int capacity = 1024)
    {
        _account = account;
        _broker = broker;
        _decisions = decisions;
        _brokerPositions = new BrokerReport[capacity];
        _brokerOrders = new BrokerReport[capacity];
    }

    /// <summary>Reconciles now; returns how many differences were found (and journaled).</summary>
    public int Reconcile(long nowNs)
    {
        var positions = _brokerPositions.AsSpan(0, _broker.GetPositions(_brokerPositions));
        var orders = _brokerOrders.AsSpan(0, _broker.GetOrders(_brokerOrders));
        var differences = 0;

        foreach (ref readonly var bp in positions)
        {
            var index = _account.IndexOf(bp.PositionId);
            if (index < 0)
            {
                var signalId = _account.Orders.TryGet(bp.PositionId, out var opener) ? opener.SignalId : 0;
                differences += Record(ReconciliationKind.PositionMissingLocally, bp.PositionId, bp.SymbolId, nowNs, 0, bp, signalId);
            }
            else if (_account.PositionAt(index).Volume != bp.Volume)
            {
                ref readonly var local = ref _account.PositionAt(index);
                differences += Record(ReconciliationKind.VolumeMismatch, bp.PositionId, bp.SymbolId, nowNs, local.Volume, bp, local.SignalId);
            }
        }

        for (var i = _account.PositionCount - 1; i >= 0; i--)
        {
            var local = _account.PositionAt(i);
            if (Find(positions, local.Id, byPosition: true) < 0)
            {
                differences += Record(ReconciliationKind.PositionMissingAtBroker, local.Id, local.SymbolId, nowNs, local.Volume, default, local.SignalId);
            }
        }

        foreach (ref readonly var o in _account.Orders.All)
        {
            if (!o.IsActive)
            {
                continue;
            }

            var atBroker = Find(orders, o.ClientOrderId, byPosition: false);
            if (atBroker >= 0)
            {
                if (o.Status == OrderStatus.Submitted)
                {
                    differences += Record(ReconciliationKind.OrderNowWorking, o.ClientOrderId, o.SymbolId, nowNs, o.Volume, orders[atBroker], o.SignalId);
                }

                continue;
            }

            // Not working at the broker: either it filled while we were away (its position exists, or the position
            // it closed is gone) or it never arrived. Either way it is finished; it is never sent again.
            var filled = o.IsClose
                ? Find(positions, o.PositionId, byPosition: true) < 0
                : Find(positions, o.ClientOrderId, byPosition: true) >= 0;
            differences += Record(filled ? ReconciliationKind.OrderFilledWhileAway : ReconciliationKind.OrderMissingAtBroker,
                o.ClientOrderId, o.SymbolId, nowNs, o.Volume, default, o.SignalId);
        }

        foreach (ref readonly var bo in orders)
        {
            if (!_account.Orders.TryGet(bo.ClientOrderId, out var known) || !known.IsActive)
            {
                differences += Record(ReconciliationKind.OrderUnknownLocally, bo.ClientOrderId, bo.SymbolId, nowNs, 0, bo, 0);
            }
        }

        if (differences != 0)
        {
            Logger.Warning("Reconciliation found {Count} differences with the broker; the broker's state was taken", differences);
        }

        return differences;
    }

    private int Record(ReconciliationKind kind, long id, int symbolId, long nowNs, long localVolume, in BrokerReport broker, long signalId)
    {
        ref var d = ref _decisions.Claim();
        d.Type = DecisionType.ReconciliationDifference;
        d.Code = (int)kind;
        d.SymbolId = symbolId;
        d.TimeNs = nowNs;
        d.Id = id;
        d.CorrelationId = signalId;
        d.CausationId = id;
        d.Ref0 = signalId;
        d.Ref1 = broker.Side;
        d.Ref2 = broker.Type == BrokerReportType.OrderState ? broker.Code : 0;
        d.A = localVolume;
        d.B = broker.Volume;
        d.C = broker.Price;
        d.D = broker.StopLoss;
        d.E = broker.TakeProfit;
        d.F = broker.TimeNs;
        var applied = d;
        _decisions.Publish();
        _account.Apply(applied);
        return 1;
    }

    private static int Find(ReadOnlySpan<BrokerReport> reports, long id, bool byPosition)
    {
        for (var i = 0; i < reports.Length; i++)
        {
            if ((byPosition ? reports[i].PositionId : reports[i].ClientOrderId) == id)
            {
                return i;
            }
        }

        return -1;
    }
}
