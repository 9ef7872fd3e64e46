using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// Spins for a short while (a publish usually arrives within it), then gives the core away with
/// <see cref="Thread.Yield"/> between checks, which matters when there are more busy threads than cores. How long it
/// spins depends on whether the pipeline's threads have a core each (<see cref="SpinTriesFor"/>).
/// </summary>
public readonly struct YieldingWaitStrategy : IWaitStrategy
{
    /// <summary>~2.6 µs of pauses here: the spin when threads share cores (and of <c>default</c>).</summary>
    public const int ShortSpinTries = 100;

    /// <summary>~10.6 µs of pauses here: the spin when every thread has a core of its own.</summary>
    public const int LongSpinTries = 400;

    private readonly int _spinTries;

    public YieldingWaitStrategy(int spinTries) => _spinTries = spinTries;

    /// <summary>
    /// The spin for a pipeline of <paramref name="busyThreads"/> (consumer groups and the producer) on
    /// <paramref name="processorCount"/> cores. With a core each, a longer spin keeps a consumer fed every 10 µs out of
    /// <c>sched_yield</c>, whose return otherwise set the median: publication to risk at 100k/s 1.24-1.32 µs with the
    /// short spin, 0.36-0.74 µs with the long one. With more threads than cores the long spin only burns time
    /// another thread needed: 4 stage threads on 2 cores ran at 0.65x (docs/PERFORMANCE.md, "Yielding: how long to
    /// spin").
    /// </summary>
    public static int SpinTriesFor(int busyThreads, int processorCount) =>
        busyThreads <= processorCount ? LongSpinTries : ShortSpinTries;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        if (attempt < (_spinTries == 0 ? ShortSpinTries : _spinTries))
        {
            attempt++;
            SpinPause.Once();
            return;
        }

        Thread.Yield();
    }
}
