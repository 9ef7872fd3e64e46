using IctEngine.Core;

namespace IctEngine.Execution;

/// <summary>
/// Where orders go: the <see cref="SimulatedBroker"/> in replay, the MT5 bridge live. Calls are made on the
/// execution thread and must not block. Outcomes come back as <see cref="BrokerReport"/>s: a live broker publishes
/// them into the ring (<c>EngineEventKind.BrokerReport</c>); the simulated broker hands them over through
/// <see cref="TryReadReport"/>, which keeps replay deterministic.
/// </summary>
public interface IBroker
{
    /// <summary>Sends an entry order (market, limit or stop, with stop-loss, take-profit and expiry).</summary>
    void Submit(in Order order, long nowNs);

    /// <summary>Closes <paramref name="volume"/> lot units of a position (0: all of it) under our order id.</summary>
    void Close(long clientOrderId, long positionId, long volume, long nowNs);

    /// <summary>Cancels a working order.</summary>
    void Cancel(long clientOrderId, long nowNs);

    /// <summary>Moves the stop-loss and take-profit of a position (0 removes one).</summary>
    void Modify(long positionId, long stopLoss, long takeProfit, long nowNs);

    /// <summary>Next report produced synchronously (simulated broker); a live broker returns false.</summary>
    bool TryReadReport(out BrokerReport report);

    /// <summary>The broker's open positions as <see cref="BrokerReportType.PositionState"/> reports; returns the count.</summary>
    int GetPositions(Span<BrokerReport> destination);

    /// <summary>The broker's working orders as <see cref="BrokerReportType.OrderState"/> reports; returns the count.</summary>
    int GetOrders(Span<BrokerReport> destination);
}
