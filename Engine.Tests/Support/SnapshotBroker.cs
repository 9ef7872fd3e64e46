using System.Diagnostics.CodeAnalysis;
using IctEngine.Core;
using IctEngine.Execution;

namespace IctEngine.Tests.Support;

/// <summary>
/// A live-style broker stub whose state comes from scripted <see cref="BrokerSnapshot"/>s, handed to the reconciler
/// by marker id as the MT5 broker does; commands are recorded, nothing is reported synchronously.
/// </summary>
public sealed class SnapshotBroker : IBroker, IBrokerSnapshots
{
    private readonly Dictionary<long, BrokerSnapshot> _snapshots = [];

    public List<long> Submitted { get; } = [];

    /// <summary>Scripts the snapshot a marker with its sequence will find.</summary>
    public void Add(BrokerSnapshot snapshot) => _snapshots[snapshot.Sequence] = snapshot;

    public bool TryTakeSnapshot(long sequence, [MaybeNullWhen(false)] out BrokerSnapshot snapshot) => _snapshots.Remove(sequence, out snapshot);

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
