using System.Runtime.CompilerServices;

namespace IctEngine.Ring;

/// <summary>
/// What a consumer group waits on: the producer's cursor (the first group) or the previous group's sequence
/// (every later group, which is how stage k never sees a slot before stage k-1 released it). Also carries the
/// alert that stops the group (halt).
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequence _dependency;
    private readonly MultiProducerSequencer? _multi;
    private volatile bool _alerted;

    /// <param name="dependency">The sequence to follow.</param>
    /// <param name="multi">The multi-producer sequencer when <paramref name="dependency"/> is its (claimed) cursor.</param>
    public SequenceBarrier(Sequence dependency, MultiProducerSequencer? multi = null)
    {
        _dependency = dependency ?? throw new ArgumentNullException(nameof(dependency));
        _multi = multi;
    }

    /// <summary>True once <see cref="Alert"/> was called (and not cleared).</summary>
    public bool IsAlerted => _alerted;

    /// <summary>Stops waiters: <see cref="WaitFor{TWait}"/> returns below the requested sequence.</summary>
    public void Alert() => _alerted = true;

    public void ClearAlert() => _alerted = false;

    /// <summary>The highest sequence a consumer at <paramref name="next"/> may process now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Available(long next)
    {
        var available = _dependency.Value;
        return _multi is null || available < next ? available : _multi.HighestPublished(next, available);
    }

    /// <summary>
    /// Waits until <paramref name="next"/> is available and returns the highest available sequence (at least
    /// <paramref name="next"/>), or a value below <paramref name="next"/> when alerted.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WaitFor<TWait>(long next, ref TWait wait)
        where TWait : struct, IWaitStrategy
    {
        var available = Available(next);
        return available >= next ? available : WaitSlow(next, ref wait);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long WaitSlow<TWait>(long next, ref TWait wait)
        where TWait : struct, IWaitStrategy
    {
        var condition = new AvailableCondition(this, next);
        var attempt = 0;
        while (true)
        {
            var available = Available(next);
            if (available >= next)
            {
                return available;
            }

            if (_alerted)
            {
                return next - 1;
            }

            wait.Idle(ref attempt, ref condition);
        }
    }

    private readonly struct AvailableCondition(SequenceBarrier barrier, long next) : IWaitCondition
    {
        public bool IsSatisfied => barrier._alerted || barrier.Available(next) >= next;
    }
}
