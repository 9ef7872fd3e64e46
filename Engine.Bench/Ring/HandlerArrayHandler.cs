using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>
/// The obvious way to fuse stages: one handler looping over an array of interface references. Measured against
/// the pipeline's generic struct composition in the fused scenario.
/// </summary>
public sealed class HandlerArrayHandler(IEventHandler<BenchEvent>[] handlers) : IEventHandler<BenchEvent>
{
    public void OnEvent(ref BenchEvent data, long sequence, bool endOfBatch)
    {
        foreach (var handler in handlers)
        {
            handler.OnEvent(ref data, sequence, endOfBatch);
        }
    }
}
