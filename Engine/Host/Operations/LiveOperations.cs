using IctEngine.Bridge;
using IctEngine.Host.Configuration;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// The operations side of <c>ict run</c>, assembled from <c>engine.json</c>: metrics, health checks (bridge, feed
/// freshness, ring, stages, journal, memory, GC), the standard alert rules with the optional webhook, automatic
/// restart of the bridge listener with backoff and escalation, the status HTTP endpoint when enabled, and the timer
/// that drives them. The host creates it after the bridge, calls <see cref="Start"/>, and disposes it at shutdown.
/// </summary>
public sealed class LiveOperations : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<LiveOperations>();

    private readonly OperationsMonitor _monitor;
    private readonly WebhookNotifier? _webhook;
    private readonly int _ruleCount;
    private long _lastTicks;
    private long _lastRejects;

    public LiveOperations(EngineConfig config, BridgeListener listener, BridgeFeed feed, LiveOperationsInputs inputs)
    {
        Metrics = new EngineMetrics();
        Health = new HealthRegistry { StatusChanged = inputs.HealthChanged };
        var h = config.Health;
        Health.Register("bridge", HealthChecks.BridgeConnection(() => listener.State));
        Health.Register("feed", HealthChecks.FeedFreshness(() => feed.Statistics.LastTickReceivedAt, h.FeedDegradedSeconds, h.FeedUnhealthySeconds));
        if (inputs.RingOccupancyPercent is { } ring)
        {
            Health.Register("ring", HealthChecks.Threshold(ring, h.RingDegradedPercent, h.RingUnhealthyPercent, "% occupied"));
        }

        foreach (var (stage, lag) in inputs.StageLag)
        {
            Health.Register($"stage:{stage}", HealthChecks.Threshold(lag, h.StageLagDegraded, h.StageLagUnhealthy, "events behind"));
        }

        if (inputs.JournalBacklog is { } backlog)
        {
            Health.Register("journal", HealthChecks.Threshold(backlog, h.JournalBacklogDegraded, h.JournalBacklogUnhealthy, "events uncommitted"));
        }

        Health.Register("memory", HealthChecks.Memory(h.MemoryDegradedMiB, h.MemoryUnhealthyMiB));
        Health.Register("gc", HealthChecks.GcPauses(h.GcPauseDegradedPercent, h.GcPauseUnhealthyPercent));

        var alertInputs = new AlertInputs
        {
            LatencyP99Ms = inputs.LatencyP99Ms ?? (() => double.NaN),
            RejectRatePercent = inputs.RejectRatePercent ?? (() => BridgeRejectRate(feed.Statistics)),
            FeedSilentSeconds = () => feed.Statistics.LastTickReceivedAt == 0 ? double.NaN : (Environment.TickCount64 - feed.Statistics.LastTickReceivedAt) / 1000d,
            DailyLossPercentOfLimit = () => inputs.Trading().DailyLossPercentOfLimit,
            JournalLagEvents = inputs.JournalBacklog ?? (() => double.NaN),
        };
        var rules = AlertRuleSet.Create(config.Alerts, alertInputs);
        _ruleCount = rules.Count;
        Alerts = new AlertEvaluator(rules);
        if (config.Alerts.WebhookUrl is { } url)
        {
            _webhook = new WebhookNotifier(new Uri(url));
        }

        Alerts.AlertChanged = e =>
        {
            inputs.AlertChanged?.Invoke(e);
            _webhook?.Notify(e);
        };

        Recovery = new RecoverySupervisor();
        Recovery.Add("bridge listener", () => listener.State != BridgeConnectionState.Stopped, listener.TryRestart,
            RecoveryPolicy.Default with { MaxAttempts = config.Bridge.MaxRecoveryAttempts },
            reason => inputs.Escalate?.Invoke(reason));

        if (config.Http.Enabled)
        {
            Status = new StatusServer(config.Http.Bind, config.Http.Port, Metrics, Health, Alerts, inputs.Trading);
        }

        _monitor = new OperationsMonitor(Metrics, Health, Alerts, Recovery, TimeSpan.FromSeconds(config.Alerts.EvaluationSeconds))
        {
            Refresh = () =>
            {
                Metrics.Observe(feed.Statistics, listener);
                inputs.RefreshMetrics?.Invoke(Metrics);
            },
        };
    }

    public EngineMetrics Metrics { get; }

    public HealthRegistry Health { get; }

    public AlertEvaluator Alerts { get; }

    public RecoverySupervisor Recovery { get; }

    /// <summary>The HTTP endpoint, or null when <c>http.enabled</c> is false.</summary>
    public StatusServer? Status { get; }

    /// <summary>Starts the status endpoint (if enabled) and the operations timer.</summary>
    public void Start()
    {
        Status?.Start();
        _monitor.Start();
        Logger.Information("Operations started: {Checks} health checks, {Rules} alert rules, status endpoint {Endpoint}",
            Health.Evaluate().Components.Count, _ruleCount, Status?.Prefix ?? "off");
    }

    /// <summary>One operations pass now (metrics refresh, health, alerts, recovery), as the timer does.</summary>
    public void RunOnce() => _monitor.RunOnce();

    /// <summary>One final pass (metrics and health as of shutdown), then stops everything.</summary>
    public void Dispose()
    {
        _monitor.Dispose();
        _monitor.RunOnce();
        Status?.Dispose();
        _webhook?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2));
    }

    private double BridgeRejectRate(BridgeFeedStatistics s)
    {
        var ticks = s.TicksPublished;
        var rejects = s.RejectedNonFinite + s.RejectedNonPositive + s.RejectedUnknownSymbol;
        var dTicks = ticks - _lastTicks;
        var dRejects = rejects - _lastRejects;
        _lastTicks = ticks;
        _lastRejects = rejects;
        var total = dTicks + dRejects;
        return total == 0 ? 0 : dRejects * 100d / total;
    }
}
