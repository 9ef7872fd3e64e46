using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>Re-checks immediately: the lowest latency, at the price of a fully busy core per waiting thread.</summary>
public readonly struct BusySpinWaitStrategy : IWaitStrategy
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        // Deliberately empty: the caller's next read of the sequence is the spin.
    }
}
