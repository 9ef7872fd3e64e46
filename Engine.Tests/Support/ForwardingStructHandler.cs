using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// A struct handler that forwards to a <see cref="DeliveryCountingHandler"/>: in a pipeline its link is a value type,
/// so the JIT inlines it into the fused loop (the shape the engine recommends for hot stages), which is the case
/// fault attribution must get right without per-event bookkeeping.
/// </summary>
public readonly struct ForwardingStructHandler(DeliveryCountingHandler inner) : IEventHandler<RingTestEvent>
{
    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch) => inner.OnEvent(ref data, sequence, endOfBatch);
}
