using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// Runs a stage and, for sampled slots, records its timings in a <see cref="LatencySampler"/>. Generic over the
/// handler type so the JIT sees the concrete stage.
/// </summary>
/// <typeparam name="THandler">The stage.</typeparam>
public sealed class TimedHandler<THandler> : IEventHandler<EngineEvent>
    where THandler : class, IEventHandler<EngineEvent>
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

    public THandler Inner => _inner;

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
