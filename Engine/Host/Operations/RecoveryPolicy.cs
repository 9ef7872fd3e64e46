namespace IctEngine.Host.Operations;

/// <summary>Exponential backoff with a retry limit for <see cref="RecoverySupervisor"/>.</summary>
public sealed record RecoveryPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static RecoveryPolicy Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 10);

    /// <summary>The delay before attempt <paramref name="attempt"/> (1-based): initial × 2^(attempt-1), capped.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ms = Math.Min(InitialDelay.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
