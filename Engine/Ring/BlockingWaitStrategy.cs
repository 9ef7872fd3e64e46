using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// Spins briefly, then sleeps on the pipeline's <see cref="WaitSignal"/>. Unlike a lock-and-signal-every-publish
/// design, publishers only pay for a fence and one read per publish; they take the lock and signal only when a
/// waiter has actually announced that it is asleep.
/// </summary>
public readonly struct BlockingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 64;

    private readonly WaitSignal _signal;

    public BlockingWaitStrategy(WaitSignal signal) => _signal = signal ?? throw new ArgumentNullException(nameof(signal));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        if (attempt < SpinTries)
        {
            attempt++;
            Thread.SpinWait(4);
            return;
        }

        _signal.Sleep(ref condition);
    }
}
