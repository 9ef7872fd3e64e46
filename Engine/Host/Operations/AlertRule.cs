namespace IctEngine.Host.Operations;

/// <summary>
/// A threshold rule with hysteresis: raised when <see cref="Value"/> is at or above <see cref="RaiseAt"/> for
/// <see cref="ForEvaluations"/> consecutive evaluations, cleared only when it falls to <see cref="ClearAt"/> or below
/// (so a value hovering at the threshold cannot flap). Higher is worse for every rule.
/// </summary>
public sealed record AlertRule(string Name, Func<double> Value, double RaiseAt, double ClearAt, int ForEvaluations, string Unit, string Runbook)
{
    /// <summary>"warning" or "critical"; carried in events and webhooks.</summary>
    public string Severity { get; init; } = "warning";
}
