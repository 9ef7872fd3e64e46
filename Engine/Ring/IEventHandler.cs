namespace IctEngine.Ring;

/// <summary>
/// A consumer of ring slots. Called once per slot, in sequence order, with a reference into the ring (never a
/// copy); <c>endOfBatch</c> is true on the last slot available in the current batch, which is where
/// a handler flushes anything it batches (the journal's group commit).
/// </summary>
/// <typeparam name="T">The slot type.</typeparam>
public interface IEventHandler<T>
    where T : struct
{
    void OnEvent(ref T data, long sequence, bool endOfBatch);
}
