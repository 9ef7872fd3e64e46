using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>A stage whose <see cref="OnStart"/> throws (lifecycle fault reporting).</summary>
public sealed class ThrowingLifecycleHandler : IEventHandler<RingTestEvent>, ILifecycleAware
{
    public void OnStart() => throw new InvalidOperationException("cannot open journal");

    public void OnShutdown()
    {
    }

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
    }
}
