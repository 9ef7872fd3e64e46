using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// Bytes allocated on this thread by a million claim/publish pairs after a warm-up, with the consumer keeping up
/// (its sequence set to each published slot) so claims stay on their fast path.
/// </summary>
public static class ClaimPublishAllocation
{
    public static long Measure(Func<long> next, Action<long> publish, Sequence consumer)
    {
        Run(next, publish, consumer, 10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(next, publish, consumer, 1_000_000);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Run(Func<long> next, Action<long> publish, Sequence consumer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var s = next();
            publish(s);
            consumer.Value = s;
        }
    }
}
