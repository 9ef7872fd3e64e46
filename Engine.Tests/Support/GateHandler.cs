using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>Holds its thread on the first slot until <see cref="Open"/> (backpressure and metric tests).</summary>
public sealed class GateHandler : IEventHandler<RingTestEvent>, IDisposable
{
    private readonly ManualResetEventSlim _gate = new(false);

    public long Count;

    public void Open() => _gate.Set();

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
        _gate.Wait(TimeSpan.FromSeconds(30));
        Interlocked.Increment(ref Count);
    }

    public void Dispose() => _gate.Dispose();
}
