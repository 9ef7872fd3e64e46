namespace IctEngine.Host.Configuration;

/// <summary>The <c>alerts</c> section: thresholds with hysteresis, evaluation cadence, optional webhook.</summary>
public sealed class AlertsConfig
{
    public double EvaluationSeconds { get; init; } = 5;

    /// <summary>Consecutive evaluations at or above the raise threshold before an alert is raised.</summary>
    public int ForEvaluations { get; init; } = 3;

    /// <summary>End-to-end p99 latency (publish → journal), milliseconds.</summary>
    public AlertThreshold LatencyP99Ms { get; init; } = new() { Raise = 5, Clear = 2 };

    /// <summary>Rejected ticks as a percentage of ticks received over the last evaluation interval.</summary>
    public AlertThreshold RejectRatePercent { get; init; } = new() { Raise = 5, Clear = 1 };

    /// <summary>Seconds without a tick while the market is expected to be open.</summary>
    public AlertThreshold FeedSilentSeconds { get; init; } = new() { Raise = 60, Clear = 5 };

    /// <summary>Today's loss as a percentage of the daily loss limit.</summary>
    public AlertThreshold DrawdownOfDailyLimitPercent { get; init; } = new() { Raise = 80, Clear = 70 };

    /// <summary>Events published but not yet committed by the journal.</summary>
    public AlertThreshold JournalLagEvents { get; init; } = new() { Raise = 50_000, Clear = 5_000 };

    /// <summary>Optional URL that receives each raise and clear as a JSON POST.</summary>
    public string? WebhookUrl { get; init; }
}
