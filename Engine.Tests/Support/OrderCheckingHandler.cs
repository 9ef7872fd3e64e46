using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// Checks that each producer's values arrive exactly once and in order (value == previous + 1), and that the slot
/// was released by the previous stage (its stage mark is <c>stage - 1</c>); then marks the slot as its own.
/// Records the first violation instead of throwing, so a bug shows as a failed assertion, not a halted pipeline.
/// </summary>
public sealed class OrderCheckingHandler(int producers, int stage = 1) : IEventHandler<RingTestEvent>
{
    private readonly long[] _next = new long[producers];
    private long _count;
    private long _batches;

    public long Count => Volatile.Read(ref _count);

    public long Batches => Volatile.Read(ref _batches);

    public string? Error { get; private set; }

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
        if (Error is null)
        {
            if (data.Stage != stage - 1)
            {
                Error = $"stage {stage} saw sequence {sequence} with stage mark {data.Stage}";
            }
            else if (data.Value != _next[data.Producer])
            {
                Error = $"stage {stage}: producer {data.Producer} expected {_next[data.Producer]} got {data.Value} at {sequence}";
            }
        }

        _next[data.Producer] = data.Value + 1;
        data.Stage = stage;
        if (endOfBatch)
        {
            _batches++;
        }

        Volatile.Write(ref _count, _count + 1);
    }
}
