namespace IctEngine.Host.Operations;

/// <summary>One component's health at one evaluation, with a short human-readable detail (the measured value).</summary>
public readonly record struct ComponentHealth(string Name, HealthStatus Status, string Detail);
