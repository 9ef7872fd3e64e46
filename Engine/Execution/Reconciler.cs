using IctEngine.Core;
using Serilog;

namespace IctEngine.Execution;

/// <summary>
/// Compares our positions, orders and balance with what the broker reports and resolves every difference by one rule:
/// <b>the broker is the truth</b>. Runs after a restart (state rebuilt from the journal with
/// <see cref="AccountState.Apply"/>) and, live, after every bridge reconnect (the terminal may have filled, closed or
/// cancelled things while the bridge was down). Each position or order difference is journaled as a
/// ReconciliationDifference decision, a balance difference as AccountReconciled, and applied through
/// <see cref="AccountState.Apply"/>, so a later rebuild reaches the same state and a later reconciliation finds
/// nothing again. Nothing is ever re-sent: an order that was in flight is marked filled (the broker has its position),
/// working (the broker has it) or cancelled. Runs on the execution thread; a slow path, off the per-event path.
/// </summary>
public sealed class Reconciler
{
    private static readonly ILogger Logger = Log.ForContext<Reconciler>();

    private readonly AccountState _account;
    private readonly IBroker _broker;
    private readonly SpscQueue<Decision> _decisions;
    private readonly BrokerReport[] _brokerPositions;
    private readonly BrokerReport[] _brokerOrders;
    private long _runs;
    private long _differences;
    private long _balanceAdjustments;
    private bool _balanceDiffers;
    private long _differingTerminal;
    private long _differingOurs;

    public Reconciler(AccountState account, IBroker broker, SpscQueue<Decision> decisions, int capacity = 1024)
    {
        _account = account;
        _broker = broker;
        _decisions = decisions;
        _brokerPositions = new BrokerReport[capacity];
        _brokerOrders = new BrokerReport[capacity];
    }

    /// <summary>
    /// The smallest balance difference adopted from the terminal (account micros; default one cent, the terminal's
    /// resolution): the engine values each deal in micros, the terminal books it in cents.
    /// </summary>
    public long BalanceToleranceMicros { get; init; } = 10_000;

    /// <summary>Reconciliations run so far (any thread may read it).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <summary>Differences journaled so far, balance adjustments included.</summary>
    public long Differences => Interlocked.Read(ref _differences);

    /// <summary>Balance adjustments adopted from the terminal so far.</summary>
    public long BalanceAdjustments => Interlocked.Read(ref _balanceAdjustments);

    /// <summary>Reconciles now against the broker's current positions and orders; returns how many differences were journaled.</summary>
    public int Reconcile(long nowNs)
    {
        var positions = _brokerPositions.AsSpan(0, _broker.GetPositions(_brokerPositions));
        var orders = _brokerOrders.AsSpan(0, _broker.GetOrders(_brokerOrders));
        return Reconcile(nowNs, positions, orders, [], default, 0);
    }

    /// <summary>
    /// Reconciles at a marker: against the snapshot the broker captured when the marker was published (a live broker,
    /// <see cref="IBrokerSnapshots"/>), or the broker's current state (the simulated broker, which is synchronous).
    /// Returns how many differences were journaled.
    /// </summary>
    public int ReconcileAtMarker(long nowNs, long snapshotId)
    {
        if (_broker is not IBrokerSnapshots snapshots)
        {
            return Reconcile(nowNs);
        }

        if (!snapshots.TryTakeSnapshot(snapshotId, out var snapshot))
        {
            Logger.Warning("Reconciliation marker {Id} has no snapshot; skipped", snapshotId);
            return 0;
        }

        return Reconcile(nowNs, snapshot.Positions, snapshot.Orders, snapshot.InFlight, snapshot.Account, snapshotId);
    }

    private int Reconcile(long nowNs, ReadOnlySpan<BrokerReport> positions, ReadOnlySpan<BrokerReport> orders,
        ReadOnlySpan<long> inFlight, in BrokerReport account, long snapshotId)
    {
        _balanceDiffers = false;
        var differences = ReconcileTrading(nowNs, positions, orders, inFlight);

        // After positions: a position the terminal closed while we were away was dropped without realising anything;
        // its result is in the terminal's balance, which is adopted here.
        if (account.Type == BrokerReportType.AccountState)
        {
            differences += ReconcileBalance(nowNs, account, snapshotId);
        }

        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _differences, differences);
        if (differences != 0)
        {
            Logger.Warning("Reconciliation found {Count} differences with the broker; the broker's state was taken", differences);
        }

        return differences;
    }

    private int ReconcileTrading(long nowNs, ReadOnlySpan<BrokerReport> positions, ReadOnlySpan<BrokerReport> orders, ReadOnlySpan<long> inFlight)
    {
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
            if (atBroker < 0 && inFlight.Contains(o.ClientOrderId))
            {
                // Sent after the terminal took its snapshot: its result is on its way, not a difference.
                continue;
            }

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

        return differences;
    }

    /// <summary>
    /// Between reconciliations (live): every AccountState the terminal sends (about once a second) is compared with our
    /// balance, so a deposit, withdrawal, swap or charge booked while the bridge stays up is adopted without waiting for
    /// the next reconnect. Only a <b>settled</b> difference is adopted: none of our orders is in flight (its deal would
    /// explain the difference) and two consecutive reports show the same difference (the same terminal balance against
    /// the same balance of ours), so a deal whose report is still on its way is never booked twice. Journaled as
    /// AccountReconciled with Id 0 at the report's time. Execution thread; per account report, allocation-free unless
    /// it adopts. Returns 1 when it adopted, else 0.
    /// </summary>
    public int ObserveAccount(long nowNs, in BrokerReport account)
    {
        var ours = _account.BalanceMicros;
        if (Math.Abs(account.Balance - ours) < BalanceToleranceMicros || OrderInFlight())
        {
            _balanceDiffers = false;
            return 0;
        }

        if (!_balanceDiffers || _differingTerminal != account.Balance || _differingOurs != ours)
        {
            _balanceDiffers = true;
            _differingTerminal = account.Balance;
            _differingOurs = ours;
            return 0;
        }

        _balanceDiffers = false;
        var adopted = ReconcileBalance(nowNs, account, 0);
        Interlocked.Add(ref _differences, adopted);
        return adopted;
    }

    private bool OrderInFlight()
    {
        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.Status == OrderStatus.Submitted)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Adopts the terminal's balance when it differs from ours (swaps, commissions, deposits or withdrawals the engine
    /// cannot see, deals booked while the bridge was down), so the loss limits are measured against the real account.
    /// </summary>
    private int ReconcileBalance(long nowNs, in BrokerReport account, long snapshotId)
    {
        var ours = _account.BalanceMicros;
        var adjustment = account.Balance - ours;
        if (Math.Abs(adjustment) < BalanceToleranceMicros)
        {
            return 0;
        }

        ref var d = ref _decisions.Claim();
        d.Type = DecisionType.AccountReconciled;
        d.SymbolId = -1;
        d.TimeNs = nowNs;
        d.Id = snapshotId;
        d.CorrelationId = 0;
        d.CausationId = snapshotId;
        d.A = ours;
        d.B = account.Balance;
        d.C = adjustment;
        d.D = _account.EquityMicros + adjustment;
        d.E = account.Equity;
        d.F = account.TimeNs;
        var applied = d;
        _decisions.Publish();
        _account.Apply(applied);
        Interlocked.Increment(ref _balanceAdjustments);
        Logger.Warning("Balance reconciled with the terminal: ours {Ours}, terminal {Terminal} (adjusted by {Adjustment}); equity now ours {Equity}, terminal {TerminalEquity}",
            new Money(ours).ToDecimal(), new Money(account.Balance).ToDecimal(), new Money(adjustment).ToDecimal(),
            new Money(_account.EquityMicros).ToDecimal(), new Money(account.Equity).ToDecimal());
        return 1;
    }

    private int Record(
ReconciliationKind kind, long id, int symbolId, long nowNs, long localVolume, in BrokerReport broker, long signalId)
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
