namespace IctEngine.Journal;

/// <summary>
/// Wakes this process's subscriptions when the store commits an append, so that they follow local appends at once
/// instead of at the next poll (appends from other processes are found by polling).
/// </summary>
internal sealed class AppendNotifier
{
    private readonly object _gate = new();
    private long _commits;

    public long Commits
    {
        get
        {
            lock (_gate)
            {
                return _commits;
            }
        }
    }

    public void Notify()
    {
        lock (_gate)
        {
            _commits++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until a commit after <paramref name="seen"/> or the timeout; returns the current count.</summary>
    public long Wait(long seen, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_commits == seen)
            {
                Monitor.Wait(_gate, timeout);
            }

            return _commits;
        }
    }
}
