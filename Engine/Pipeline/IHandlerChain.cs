using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// The handlers of one thread group composed into one struct (<see cref="HandlerLink{T,THandler,TNext}"/> nested
/// down to <see cref="ChainEnd{T}"/>), so the JIT sees the exact type of every handler and can inline the whole
/// group into the consumer loop. <c>stage</c> is set to the index (in the group) of the handler being called, so
/// a fault can be attributed and the rest of the group resumed after it.
/// </summary>
internal interface IHandlerChain<T>
    where T : struct
{
    void OnEvent(ref T data, long sequence, bool endOfBatch, ref int stage);

    /// <summary>Runs only the handlers with index &gt;= <paramref name="first"/> (fault recovery, restart).</summary>
    void OnEventFrom(int first, ref T data, long sequence, bool endOfBatch, ref int stage);
}
