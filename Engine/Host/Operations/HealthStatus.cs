namespace IctEngine.Host.Operations;

/// <summary>Health of one component or of the whole engine, ordered from best to worst.</summary>
public enum HealthStatus
{
    Healthy = 0,
    Degraded = 1,
    Unhealthy = 2,
}
