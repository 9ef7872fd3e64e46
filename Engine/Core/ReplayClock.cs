namespace IctEngine.Core;

/// <summary>
/// A clock driven by the replayed data: it reads whatever time the replay last set, and never moves backwards,
/// so late or out-of-order inputs cannot make decision time run in reverse.
/// </summary>
public sealed class ReplayClock : IClock
{
    private long _now;

    public ReplayClock(long startNanos = 0) => _now = startNanos;

    public long UtcNowNanos => Volatile.Read(ref _now);

    /// <summary>Moves the clock to <paramref name="utcNanos"/> if that is later than now; returns the clock's time.</summary>
    public long AdvanceTo(long utcNanos)
    {
        if (utcNanos > _now)
        {
            Volatile.Write(ref _now, utcNanos);
        }

        return _now;
    }
}
