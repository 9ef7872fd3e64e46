using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// Runs a stage and, for sampled slots, records its timings in a <see cref="LatencySampler"/>. A struct over a
/// struct handler, so that the pipeline's chain type is fully specialised and the JIT calls each stage directly:
/// code generic over a class is shared across classes and reaches the stage through interface dispatch.
/// </summary>
/// <typeparam name="THandler">The stage, or a struct forwarding to it.</typeparam>
public readonly struct TimedHandler<THandler> : IEventHandler<EngineEvent>
    where THandler : struct, IEventHandler<EngineEvent>
{
    private readonly THandler _inner;
    private readonly LatencySampler _sampler;
    private readonly int _stage;

    public TimedHandler(THandler inner, LatencySampler sampler, int stage)
    {
        _inner = inner;
        _sampler = sampler;
        _stage = stage;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        if (!_sampler.IsSampled(sequence, data.PublishedAt))
        {
            _inner.OnEvent(ref data, sequence, endOfBatch);
            return;
        }

        var startedAt = Stopwatch.GetTimestamp();
        _inner.OnEvent(ref data, sequence, endOfBatch);
        _sampler.Record(_stage, data.PublishedAt, startedAt);
    }
}
