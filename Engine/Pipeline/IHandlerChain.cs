using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// The handlers of one thread group composed into one struct (<see cref="HandlerLink{T,THandler,TNext}"/> nested
/// down to <see cref="ChainEnd{T}"/>), so the JIT sees the exact type of every handler and can inline the whole
/// group into the consumer loop. For fault attribution each link only notes the sequence it is about to hand its
/// handler (a store of a register, no load, no shared counter): after a throw, the faulting slot is the one the first
/// link started last, and the faulting handler the last link that started it (<see cref="LastStageStarted"/>).
/// </summary>
internal interface IHandlerChain<T>
    where T : struct
{
    /// <summary>The sequence the first handler of the chain was last given by <see cref="OnEvent"/>.</summary>
    long LastStarted { get; }

    void OnEvent(ref T data, long sequence, bool endOfBatch);

    /// <summary>The index of the last handler <see cref="OnEvent"/> gave <paramref name="sequence"/>, or -1 (fault path).</summary>
    int LastStageStarted(long sequence);

    /// <summary>
    /// Runs only the handlers with index &gt;= <paramref name="first"/> (fault recovery, restart), setting
    /// <paramref name="stage"/> to the index of the handler being called (a slow path: bookkeeping is fine here).
    /// </summary>
    void OnEventFrom(int first, ref T data, long sequence, bool endOfBatch, ref int stage);
}
