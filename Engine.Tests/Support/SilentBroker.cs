using IctEngine.Core;
using IctEngine.Execution;

namespace IctEngine.Tests.Support;

/// <summary>
/// A live-style broker stub: accepts everything, reports nothing synchronously (reports arrive as ring events).
/// Unsealed so that stubs with more behaviour (<see cref="SnapshotBroker"/>) share its command recording.
/// </summary>
public class SilentBroker : IBroker
{
    public List<long> Submitted { get; } = [];

    public void Submit(in Order order, long nowNs) => Submitted.Add(order.ClientOrderId);

    public void Close(long clientOrderId, long positionId, long volume, long nowNs) => Submitted.Add(clientOrderId);

    public void Cancel(long clientOrderId, long nowNs)
    {
    }

    public void Modify(long positionId, long stopLoss, long takeProfit, long nowNs)
    {
    }

    public bool TryReadReport(out BrokerReport report)
    {
        report = default;
        return false;
    }

    public int GetPositions(Span<BrokerReport> destination) => 0;

    public int GetOrders(Span<BrokerReport> destination) => 0;
}
