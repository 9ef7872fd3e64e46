using System.Diagnostics.CodeAnalysis;

namespace IctEngine.Execution;

/// <summary>
/// A live broker whose state is known from reports flowing through the ring (MT5): it captures a
/// <see cref="BrokerSnapshot"/> when the host publishes a reconciliation marker, and hands it to the reconciler when
/// execution reaches that marker. Reading the broker's live mirror there instead would include reports published
/// after the marker, which execution applies afterwards: counted twice.
/// </summary>
public interface IBrokerSnapshots
{
    /// <summary>Takes the snapshot captured with the marker <paramref name="sequence"/> (and drops any older one).</summary>
    bool TryTakeSnapshot(long sequence, [MaybeNullWhen(false)] out BrokerSnapshot snapshot);
}
