using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// Measures allocation on the consumer thread itself: reads <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// at sequence <c>from</c> and again at <c>to</c>.
/// </summary>
public struct AllocationProbeHandler(long from, long to, StrongBoxLong result) : IEventHandler<RingTestEvent>
{
    private long _before;

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
        if (sequence == from)
        {
            _before = GC.GetAllocatedBytesForCurrentThread();
        }
        else if (sequence == to)
        {
            result.Value = GC.GetAllocatedBytesForCurrentThread() - _before;
            result.Done = true;
        }
    }
}
