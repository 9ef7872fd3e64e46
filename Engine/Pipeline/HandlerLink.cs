using System.Runtime.CompilerServices;
using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>One handler followed by the rest of its group; see <see cref="IHandlerChain{T}"/>.</summary>
internal struct HandlerLink<T, THandler, TNext> : IHandlerChain<T>
    where T : struct
    where THandler : IEventHandler<T>
    where TNext : struct, IHandlerChain<T>
{
    private readonly int _index;
    private long _started;
    private THandler _handler;
    private TNext _next;

    public HandlerLink(THandler handler, TNext next, int index)
    {
        _handler = handler;
        _next = next;
        _index = index;
        _started = long.MinValue;
    }

    public readonly long LastStarted => _started;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
        _started = sequence;
        _handler.OnEvent(ref data, sequence, endOfBatch);
        _next.OnEvent(ref data, sequence, endOfBatch);
    }

    public readonly int LastStageStarted(long sequence)
    {
        var later = _next.LastStageStarted(sequence);
        return later >= 0 ? later : _started == sequence ? _index : -1;
    }

    public void OnEventFrom(int first, ref T data, long sequence, bool endOfBatch, ref int stage)
    {
        if (_index >= first)
        {
            stage = _index;
            _handler.OnEvent(ref data, sequence, endOfBatch);
        }

        _next.OnEventFrom(first, ref data, sequence, endOfBatch, ref stage);
    }
}
