using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// Counts how many times each sequence was delivered (exactly-once checks across faults and restarts) and can be
/// told to throw at one sequence while <see cref="Throwing"/> is set.
/// </summary>
public sealed class DeliveryCountingHandler(int capacity) : IEventHandler<RingTestEvent>
{
    private readonly int[] _deliveries = new int[capacity];
    private long _count;

    /// <summary>The sequence to throw at, or -1.</summary>
    public long ThrowAt { get; set; } = -1;

    public volatile bool Throwing = true;

    public long Count => Volatile.Read(ref _count);

    public int Deliveries(long sequence) => Volatile.Read(ref _deliveries[sequence]);

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch)
    {
        if (sequence == ThrowAt && Throwing)
        {
            throw new InvalidOperationException($"test fault at {sequence}");
        }

        _deliveries[sequence]++;
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The first sequence below <paramref name="total"/> not delivered exactly once, or -1.</summary>
    public long FirstNotExactlyOnce(long total)
    {
        for (long s = 0; s < total; s++)
        {
            if (Deliveries(s) != 1)
            {
                return s;
            }
        }

        return -1;
    }
}
