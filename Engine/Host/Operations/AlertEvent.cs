namespace IctEngine.Host.Operations;

/// <summary>An alert raised or cleared: what the host journals (AlertRaised / AlertCleared) and the webhook posts.</summary>
public sealed record AlertEvent(string Rule, bool Raised, string Severity, double Value, double Threshold, string Message, DateTimeOffset At);
