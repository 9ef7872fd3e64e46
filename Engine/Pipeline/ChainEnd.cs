using System.Runtime.CompilerServices;

namespace IctEngine.Pipeline;

/// <summary>The empty end of a handler chain.</summary>
internal struct ChainEnd<T> : IHandlerChain<T>
    where T : struct
{
    public readonly long LastStarted => long.MinValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void OnEvent(ref T data, long sequence, bool endOfBatch)
    {
    }

    public readonly int LastStageStarted(long sequence) => -1;

    public readonly void OnEventFrom(int first, ref T data, long sequence, bool endOfBatch, ref int stage)
    {
    }
}
