using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace IctEngine.Ring;

/// <summary>
/// The wake-up channel of the blocking wait strategy, shared by everything that publishes or waits in one
/// pipeline. A waiter announces itself (an atomic increment, a full fence), re-checks its condition and only then
/// sleeps; a publisher writes its sequence, fences, and signals only when the sleeper count is non-zero. One of
/// the two always sees the other (Dekker), so no wake-up is lost, and publishers never touch the lock while
/// consumers keep up.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public sealed class WaitSignal
{
    /// <summary>Upper bound of one sleep: a safety net only, wake-ups do not depend on it.</summary>
    private const int MaxSleepMilliseconds = 100;

    private readonly object _gate = new();
    private PaddedCounter _sleepers;
    private long _wakeUps;

    /// <summary>How many times a publisher found a sleeper and signalled (a metric: low is good).</summary>
    public long WakeUps => Volatile.Read(ref _wakeUps);

    /// <summary>Threads currently asleep or about to sleep.</summary>
    public int Sleepers => Volatile.Read(ref _sleepers.Value);

    /// <summary>Called by a publisher after it wrote its sequence: wakes sleepers, if there are any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Notify()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _sleepers.Value) != 0)
        {
            WakeAll();
        }
    }

    /// <summary>Wakes every sleeper unconditionally (halt, restart).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void WakeAll()
    {
        lock (_gate)
        {
            _wakeUps++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Sleeps until a publisher signals, unless <paramref name="condition"/> already holds.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Sleep<TCondition>(ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _sleepers.Value);
            try
            {
                if (!condition.IsSatisfied)
                {
                    Monitor.Wait(_gate, MaxSleepMilliseconds);
                }
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers.Value);
            }
        }
    }

    /// <summary>The sleeper count alone on its cache lines: waiters write it, every publisher reads it.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 120)]
    private struct PaddedCounter
    {
        [FieldOffset(56)]
        public int Value;
    }
}
