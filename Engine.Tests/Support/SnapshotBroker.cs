using System.Diagnostics.CodeAnalysis;
using IctEngine.Execution;

namespace IctEngine.Tests.Support;

/// <summary>
/// A live-style broker stub whose state comes from scripted <see cref="BrokerSnapshot"/>s, handed to the reconciler
/// by marker id as the MT5 broker does; commands are recorded, nothing is reported synchronously.
/// </summary>
public sealed class SnapshotBroker : SilentBroker, IBrokerSnapshots
{
    private readonly Dictionary<long, BrokerSnapshot> _snapshots = [];

    /// <summary>Scripts the snapshot a marker with its sequence will find.</summary>
    public void Add(BrokerSnapshot snapshot) => _snapshots[snapshot.Sequence] = snapshot;

    public bool TryTakeSnapshot(long sequence, [MaybeNullWhen(false)] out BrokerSnapshot snapshot) => _snapshots.Remove(sequence, out snapshot);
}
