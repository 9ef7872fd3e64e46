using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// Re-checks after one CPU pause: the lowest latency, at the price of a fully busy core per waiting thread. Use
/// only with no more spinning threads than dedicated cores: oversubscribed, it is the slowest strategy.
/// </summary>
public readonly struct BusySpinWaitStrategy : IWaitStrategy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        SpinPause.Once();
    }
}
