namespace IctEngine.Host.Operations;

/// <summary>The result of evaluating every registered check: the worst status wins.</summary>
public sealed record HealthReport(HealthStatus Overall, IReadOnlyList<ComponentHealth> Components, DateTimeOffset EvaluatedAt);
