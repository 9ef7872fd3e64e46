namespace IctEngine.Host.Configuration;

/// <summary>The <c>health</c> section: when components count as degraded or unhealthy.</summary>
public sealed class HealthConfig
{
    public double FeedDegradedSeconds { get; init; } = 30;

    public double FeedUnhealthySeconds { get; init; } = 300;

    /// <summary>Ring occupancy, percent of slots in use.</summary>
    public double RingDegradedPercent { get; init; } = 50;

    public double RingUnhealthyPercent { get; init; } = 90;

    /// <summary>Lag of a stage behind the producer, in events.</summary>
    public double StageLagDegraded { get; init; } = 10_000;

    public double StageLagUnhealthy { get; init; } = 100_000;

    public double JournalBacklogDegraded { get; init; } = 50_000;

    public double JournalBacklogUnhealthy { get; init; } = 500_000;

    public double MemoryDegradedMiB { get; init; } = 1024;

    public double MemoryUnhealthyMiB { get; init; } = 2048;

    public double GcPauseDegradedPercent { get; init; } = 5;

    public double GcPauseUnhealthyPercent { get; init; } = 20;
}
