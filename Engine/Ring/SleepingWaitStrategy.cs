using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// Spins, then yields, then sleeps a millisecond between checks: almost no CPU while idle, at the cost of up to
/// a millisecond of latency after a quiet period. For background consumers, not the decision path.
/// </summary>
public readonly struct SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 200;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition
    {
        if (attempt < SpinTries)
        {
            attempt++;
            SpinPause.Once();
        }
        else if (attempt < YieldTries)
        {
            attempt++;
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
