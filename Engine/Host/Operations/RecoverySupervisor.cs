using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// Automatic recovery for what can recover: each watched component has an "is it fine" probe and a recovery action
/// (e.g. restart the bridge listener when its socket died). While the probe fails, recovery is attempted with
/// exponential backoff; after <see cref="RecoveryPolicy.MaxAttempts"/> failures the escalation callback runs once
/// (the host moves trading to REDUCING or HALTED). <see cref="Poll"/> is driven by the host's operations timer with
/// the current time, which keeps it testable.
/// </summary>
public sealed class RecoverySupervisor
{
    private static readonly ILogger Logger = Log.ForContext<RecoverySupervisor>();

    private readonly List<Watch> _watches = [];
    private readonly Lock _lock = new();

    /// <summary>Watches a component. <paramref name="recover"/> returns true when the attempt succeeded.</summary>
    public void Add(string name, Func<bool> isFine, Func<bool> recover, RecoveryPolicy policy, Action<string> escalate)
    {
        lock (_lock)
        {
            _watches.Add(new Watch(name, isFine, recover, policy, escalate));
        }
    }

    /// <summary>Attempts recovery for each failing component whose backoff has elapsed.</summary>
    public void Poll(TimeSpan now)
    {
        lock (_lock)
        {
            foreach (var w in _watches)
            {
                PollOne(w, now);
            }
        }
    }

    /// <summary>Attempts so far in the current failure episode of a component (0 when it is fine).</summary>
    public int AttemptsOf(string name)
    {
        lock (_lock)
        {
            return _watches.First(w => w.Name == name).Attempts;
        }
    }

    private static void PollOne(Watch w, TimeSpan now)
    {
        if (w.IsFine())
        {
            if (w.Attempts > 0)
            {
                Logger.Information("{Component} recovered after {Attempts} attempt(s)", w.Name, w.Attempts);
            }

            w.Attempts = 0;
            w.Escalated = false;
            w.NextAttemptAt = null;
            return;
        }

        if (w.Escalated)
        {
            return;
        }

        w.NextAttemptAt ??= now + w.Policy.DelayBefore(1);
        if (now < w.NextAttemptAt)
        {
            return;
        }

        w.Attempts++;
        bool ok;
        try
        {
            ok = w.Recover();
        }
        catch (Exception e)
        {
            Logger.Warning(e, "{Component}: recovery attempt {Attempt} threw", w.Name, w.Attempts);
            ok = false;
        }

        if (ok)
        {
            Logger.Information("{Component}: recovery attempt {Attempt} succeeded", w.Name, w.Attempts);
            w.NextAttemptAt = now + w.Policy.DelayBefore(1);
            return;
        }

        if (w.Attempts >= w.Policy.MaxAttempts)
        {
            w.Escalated = true;
            var reason = $"{w.Name}: recovery failed {w.Attempts} times";
            Logger.Error("{Reason}; escalating", reason);
            w.Escalate(reason);
            return;
        }

        var delay = w.Policy.DelayBefore(w.Attempts + 1);
        w.NextAttemptAt = now + delay;
        Logger.Warning("{Component}: recovery attempt {Attempt} failed; next in {Delay}", w.Name, w.Attempts, delay);
    }

    private sealed class Watch(string name, Func<bool> isFine, Func<bool> recover, RecoveryPolicy policy, Action<string> escalate)
    {
        public string Name { get; } = name;
        public Func<bool> IsFine { get; } = isFine;
        public Func<bool> Recover { get; } = recover;
        public RecoveryPolicy Policy { get; } = policy;
        public Action<string> Escalate { get; } = escalate;
        public int Attempts { get; set; }
        public bool Escalated { get; set; }
        public TimeSpan? NextAttemptAt { get; set; }
    }
}
