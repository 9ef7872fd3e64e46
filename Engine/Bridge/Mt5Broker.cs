using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// The live <see cref="IBroker"/>: sends the execution stage's orders to MT5 through <see cref="BridgeOrderClient"/>
/// and translates the terminal's answers into the engine's ids. MT5 names positions and orders by tickets; the engine
/// names a position by the client order id that opened it (docs/RISK.md). The host passes every broker report the
/// feed produces through <see cref="Translate"/> (on the feed's session thread) before publishing it into the ring;
/// that learns ticket ↔ id pairs from fills and order results and rewrites the report in engine terms, including the
/// terminal's own deals (protocol 3: stop-loss, take-profit and stop-out exits, pending fills, a trader's closes),
/// whose reason becomes the close reason whether the deal or the position's state arrives first.
/// Commands that cannot be sent (no session) are rejected locally and handed back through <see cref="TryReadReport"/>
/// on the execution thread, never published into the ring from the execution thread (which would deadlock on a
/// full ring). The ticket maps are touched by the session thread and the execution thread: they are locked, which is
/// fine because orders are rare next to ticks (nothing here runs per tick).
/// The mirror of the terminal's positions, orders and account (for reconciliation) is rebuilt from each session's
/// snapshot (<see cref="BeginSession"/>) and captured as a <see cref="BrokerSnapshot"/> when the host publishes a
/// reconciliation marker (<see cref="CaptureSnapshot"/>), so the reconciler sees the terminal exactly as of the marker.
/// </summary>
public sealed class Mt5Broker : IBroker, IBrokerSnapshots
{
    private const int ClosedLinkCount = 1024;

    private readonly BridgeOrderClient _client;
    private readonly ConcurrentQueue<BrokerReport> _local = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<long, PositionLink> _positionsById = [];
    private readonly Dictionary<long, long> _positionIdByTicket = [];
    private readonly Dictionary<long, OrderLink> _ordersById = [];
    private readonly Dictionary<long, BrokerReport> _openPositions = [];
    private readonly Dictionary<long, BrokerReport> _workingOrders = [];
    private readonly Queue<BrokerSnapshot> _snapshots = new();
    private readonly List<long> _sentThisSession = [];
    private readonly Dictionary<long, long> _closedPositionIdByTicket = [];
    private readonly Dictionary<long, PositionLink> _closedLinks = [];
    private readonly Queue<long> _closedOrder = new();
    private BrokerReport _account;
    private long _snapshotSequence;
    private long _fills;
    private long _rejects;
    private long _unmatchedExits;

    /// <summary>Builds the order client over the listener's current session and the feed's symbol map.</summary>
    public Mt5Broker(BridgeListener listener, BridgeFeed feed, IClock clock, uint deviationPoints = 20)
    {
        _client = new BridgeOrderClient(listener, feed, new LocalRejectQueue(_local), clock) { DeviationPoints = deviationPoints };
    }

    /// <summary>Commands refused before reaching the terminal (no session, unknown symbol).</summary>
    public long LocalRejects { get; private set; }

    /// <summary>Fills reported by the terminal.</summary>
    public long Fills => Interlocked.Read(ref _fills);

    /// <summary>Orders the terminal rejected.</summary>
    public long Rejects => Interlocked.Read(ref _rejects);

    /// <summary>Exit deals of positions this engine never knew: not published (reconciliation adopts the terminal's state).</summary>
    public long UnmatchedExits => Interlocked.Read(ref _unmatchedExits);

    public void Submit(in Order order, long nowNs)
    {
        lock (_gate)
        {
            _ordersById[order.ClientOrderId] = new OrderLink(order.SymbolId, 0, order.StopLoss, order.TakeProfit);
            _sentThisSession.Add(order.ClientOrderId);
        }

        var sent = order.Type == OrderType.Market
            ? _client.SubmitMarket(order.ClientOrderId, order.SymbolId, order.Side, order.Volume, order.StopLoss, order.TakeProfit)
            : _client.SubmitPending(order.ClientOrderId, order.SymbolId, order.Side,
                order.Type == OrderType.Limit ? BridgePendingKind.Limit : BridgePendingKind.Stop,
                order.Volume, order.Price, order.StopLoss, order.TakeProfit, order.ExpiresAtNs);
        CountLocal(sent);
    }

    public void Close(long clientOrderId, long positionId, long volume, long nowNs)
    {
        PositionLink link;
        lock (_gate)
        {
            _positionsById.TryGetValue(positionId, out link);
            _sentThisSession.Add(clientOrderId);
        }

        if (link.Ticket == 0)
        {
            RejectUnknown(clientOrderId, link.SymbolId, nowNs, BrokerRejectCode.UnknownPosition);
            return;
        }

        CountLocal(_client.ClosePosition(clientOrderId, link.SymbolId, link.Ticket, volume));
    }

    public void Cancel(long clientOrderId, long nowNs)
    {
        OrderLink link;
        lock (_gate)
        {
            _ordersById.TryGetValue(clientOrderId, out link);
        }

        if (link.Ticket == 0)
        {
            RejectUnknown(clientOrderId, link.SymbolId, nowNs, BrokerRejectCode.UnknownOrder);
            return;
        }

        CountLocal(_client.Cancel(clientOrderId, link.SymbolId, link.Ticket));
    }

    public void Modify(long positionId, long stopLoss, long takeProfit, long nowNs)
    {
        PositionLink link;
        lock (_gate)
        {
            if (!_positionsById.TryGetValue(positionId, out link))
            {
                return;
            }

            _positionsById[positionId] = link with { StopLoss = stopLoss, TakeProfit = takeProfit };
        }

        // The result echoes the position id as client order id; execution ignores accepts of filled orders.
        CountLocal(_client.Modify(positionId, link.SymbolId, link.Ticket, stopLoss, takeProfit));
    }

    public bool TryReadReport(out BrokerReport report) => _local.TryDequeue(out report);

    public int GetPositions(Span<BrokerReport> destination)
    {
        lock (_gate)
        {
            return CopyTo(_openPositions, destination);
        }
    }

    public int GetOrders(Span<BrokerReport> destination)
    {
        lock (_gate)
        {
            return CopyTo(_workingOrders, destination);
        }
    }

    /// <summary>
    /// A new bridge session begins: the terminal is about to send its whole snapshot (positions, orders, account), so
    /// the mirror is emptied; what the terminal no longer holds must not survive from the previous session (the EA
    /// reports closes only for what it saw in its own session). Ticket ↔ id links are kept: tickets do not change.
    /// Call on the session thread before the session's first frame.
    /// </summary>
    public void BeginSession()
    {
        lock (_gate)
        {
            _openPositions.Clear();
            _workingOrders.Clear();
            _sentThisSession.Clear();
            _account = default;
        }
    }

    /// <summary>
    /// Captures the mirror as it stands now, i.e. after every report translated so far, and returns its id for the
    /// marker. Call on the session thread right before publishing the marker (the same thread translates every report,
    /// so the capture sits exactly at the marker's place in the ring). Slow path: once per session.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long CaptureSnapshot()
    {
        lock (_gate)
        {
            var sequence = ++_snapshotSequence;
            _snapshots.Enqueue(new BrokerSnapshot(sequence, [.. _openPositions.Values], [.. _workingOrders.Values], _account, [.. _sentThisSession]));
            _sentThisSession.Clear();
            return sequence;
        }
    }

    public bool TryTakeSnapshot(long sequence, [MaybeNullWhen(false)] out BrokerSnapshot snapshot)
    {
        lock (_gate)
        {
            while (_snapshots.TryDequeue(out var next))
            {
                if (next.Sequence == sequence)
                {
                    snapshot = next;
                    return true;
                }

                if (next.Sequence > sequence)
                {
                    break;
                }
            }
        }

        snapshot = null;
        return false;
    }

    /// <summary>
    /// Rewrites a report from the feed in engine terms: position tickets become position ids (the opening client
    /// order id), a deal's reason (or, for an OrderResult fill, the nearer of the position's levels) becomes the close
    /// reason of an exit the terminal made by itself (stop-loss, take-profit, stop-out, a trader's close: such fills
    /// lose the client order id, like the simulated broker's), and working orders and positions are mirrored for
    /// reconciliation. Returns false when the report must not be published: an exit deal of a position this engine
    /// never knew (reconciliation adopts the terminal's state instead). Call on the feed's session thread, before
    /// publishing.
    /// </summary>
    public bool Translate(ref BrokerReport report)
    {
        lock (_gate)
        {
            switch (report.Type)
            {
                case BrokerReportType.OrderAccepted:
                    if (_ordersById.TryGetValue(report.ClientOrderId, out var order) && report.BrokerOrderId != 0)
                    {
                        _ordersById[report.ClientOrderId] = order with { Ticket = report.BrokerOrderId };
                    }

                    break;
                case BrokerReportType.OrderCancelled:
                    // The feed sets Code 1 ("expired" to execution) for an Expired result and 0 for a cancel.
                    _ordersById.Remove(report.ClientOrderId);
                    break;
                case BrokerReportType.OrderRejected:
                    _rejects++;
                    _ordersById.Remove(report.ClientOrderId);
                    break;
                case BrokerReportType.Fill:
                    if (!TranslateFill(ref report))
                    {
                        _unmatchedExits++;
                        return false;
                    }

                    _fills++;
                    break;
                case BrokerReportType.PositionState:
                    TranslatePosition(ref report);
                    break;
                case BrokerReportType.OrderState:
                    TranslateOrderState(ref report);
                    break;
                case BrokerReportType.AccountState:
                    _account = report;
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// A fill from our command's OrderResult or from a terminal deal (<see cref="BridgeDealCode"/>). Protocol 3 clients
    /// send a deal before the PositionState it changed, but a closed PositionState may still come first (another
    /// client, a lost transaction recovered later): a closed position's link is kept a while, so its late exit deal
    /// still closes the right position instead of opening a new one.
    /// </summary>
    private bool TranslateFill(ref BrokerReport report)
    {
        var isDeal = BridgeDealCode.TryDecode(report.Code, out var entry, out var reason);
        var ticket = report.PositionId;
        report.Code = 0;
        if (_positionIdByTicket.TryGetValue(ticket, out var positionId) || _closedPositionIdByTicket.TryGetValue(ticket, out positionId))
        {
            if (!_positionsById.TryGetValue(positionId, out var link))
            {
                _closedLinks.TryGetValue(positionId, out link);
            }

            var closing = isDeal ? entry != BridgeDealEntry.In : report.Side == -link.Side;
            if (closing && isDeal && reason != BridgeDealReason.Expert)
            {
                // The terminal closed it by itself (stop-loss, take-profit, stop-out) or a trader did: no order of ours.
                report.ClientOrderId = 0;
                report.Code = BridgeDealCode.CloseReasonOf(reason);
            }
            else if (closing && isDeal && report.ClientOrderId == 0)
            {
                // An expert's close without our id (another EA with our magic, or a lost comment): say it was manual.
                report.Code = (int)CloseReason.Manual;
            }
            else if (closing && report.ClientOrderId == positionId)
            {
                // An OrderResult exit under the opening order's id: the nearer of stop-loss and take-profit is the reason.
                report.ClientOrderId = 0;
                report.Code = (int)ExitReason(link, report.Price);
            }
            else if (!closing)
            {
                // A pending order's fill whose PositionState came first: the order is done.
                _ordersById.Remove(report.ClientOrderId);
            }

            report.PositionId = positionId;
            return true;
        }

        if (isDeal && entry != BridgeDealEntry.In)
        {
            return false;
        }

        // The first fill of a ticket opens the position under the client order id that caused it (by its ticket when
        // nothing of ours caused it, as reconciliation names manual positions).
        var id = report.ClientOrderId != 0 ? report.ClientOrderId : ticket;
        _ordersById.TryGetValue(report.ClientOrderId, out var order);
        _ordersById.Remove(report.ClientOrderId);
        _positionIdByTicket[ticket] = id;
        _positionsById[id] = new PositionLink(report.SymbolId, ticket, report.Side,
            report.StopLoss != 0 ? report.StopLoss : order.StopLoss, report.TakeProfit != 0 ? report.TakeProfit : order.TakeProfit);
        report.PositionId = id;
        return true;
    }

    private void TranslatePosition(ref BrokerReport report)
    {
        var ticket = report.PositionId;
        if (!_positionIdByTicket.TryGetValue(ticket, out var positionId))
        {
            if (report.Code != 0 && _closedPositionIdByTicket.TryGetValue(ticket, out positionId))
            {
                // Closed again (a resent state): already forgotten.
                report.PositionId = positionId;
                return;
            }

            // A position opened before this run (or by hand): its comment carries our id when it is ours.
            positionId = report.ClientOrderId != 0 ? report.ClientOrderId : ticket;
            _positionIdByTicket[ticket] = positionId;
            _positionsById[positionId] = new PositionLink(report.SymbolId, ticket, report.Side, report.StopLoss, report.TakeProfit);
        }

        report.PositionId = positionId;
        if (report.Code != 0)
        {
            _openPositions.Remove(positionId);
            _positionsById.Remove(positionId, out var link);
            _positionIdByTicket.Remove(ticket);
            RememberClosed(ticket, positionId, link);
        }
        else
        {
            _openPositions[positionId] = report;
        }
    }

    /// <summary>
    /// Keeps a closed position's link for its exit deal if that comes after the closed state (bounded: the oldest of
    /// <see cref="ClosedLinkCount"/> is forgotten; slow path, once per closed position).
    /// </summary>
    private void RememberClosed(long ticket, long positionId, in PositionLink link)
    {
        if (_closedOrder.Count == ClosedLinkCount && _closedOrder.TryDequeue(out var oldest))
        {
            if (_closedPositionIdByTicket.Remove(oldest, out var oldId))
            {
                _closedLinks.Remove(oldId);
            }
        }

        _closedOrder.Enqueue(ticket);
        _closedPositionIdByTicket[ticket] = positionId;
        _closedLinks[positionId] = link;
    }

    /// <summary>
    /// Mirrors a working order by its ticket: the EA reports a removed order by ticket alone (client id 0), and an
    /// order placed by hand has no client id, so it is named by its ticket (as manual positions are).
    /// </summary>
    private void TranslateOrderState(ref BrokerReport report)
    {
        var ticket = report.BrokerOrderId;
        if (report.Code == (int)BridgePendingKind.None)
        {
            if (_workingOrders.Remove(ticket, out var removed) && report.ClientOrderId == 0)
            {
                report.ClientOrderId = removed.ClientOrderId;
            }

            return;
        }

        if (report.ClientOrderId == 0)
        {
            report.ClientOrderId = ticket;
        }

        _workingOrders[ticket] = report;
    }

    private static CloseReason ExitReason(in PositionLink link, long price)
    {
        if (link.StopLoss == 0)
        {
            return link.TakeProfit == 0 ? CloseReason.Manual : CloseReason.TakeProfit;
        }

        if (link.TakeProfit == 0)
        {
            return CloseReason.StopLoss;
        }

        return Math.Abs(price - link.StopLoss) <= Math.Abs(price - link.TakeProfit) ? CloseReason.StopLoss : CloseReason.TakeProfit;
    }

    private static int CopyTo(Dictionary<long, BrokerReport> source, Span<BrokerReport> destination)
    {
        var n = 0;
        foreach (var report in source.Values)
        {
            if (n == destination.Length)
            {
                break;
            }

            destination[n++] = report;
        }

        return n;
    }

    private void RejectUnknown(long clientOrderId, int symbolId, long nowNs, BrokerRejectCode code)
    {
        _local.Enqueue(new BrokerReport
        {
            Type = BrokerReportType.OrderRejected,
            SymbolId = symbolId,
            TimeNs = nowNs,
            ClientOrderId = clientOrderId,
            Code = (int)code,
        });
        LocalRejects++;
    }

    private void CountLocal(bool sent)
    {
        if (!sent)
        {
            LocalRejects++;
        }
    }

    private readonly record struct PositionLink(int SymbolId, long Ticket, int Side, long StopLoss, long TakeProfit);

    private readonly record struct OrderLink(int SymbolId, long Ticket, long StopLoss, long TakeProfit);

    /// <summary>Queues the order client's local rejections for <see cref="TryReadReport"/>.</summary>
    private sealed class LocalRejectQueue(ConcurrentQueue<BrokerReport> queue) : IEventPublisher
    {
        public void PublishTick(in Tick tick)
        {
        }

        public void PublishReport(in BrokerReport report) => queue.Enqueue(report);
    }
}
