using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// Spins for a short while (a publish usually arrives within it), then gives the core away with
/// <see cref="Thread.Yield"/> between checks, which matters when there are more busy threads than cores.
/// </summary>
public readonly struct YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        if (attempt < SpinTries)
        {
            attempt++;
            SpinPause.Once();
            return;
        }

        Thread.Yield();
    }
}
