using System.Diagnostics;
using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// The operations timer of <c>ict run</c>: every interval it refreshes metrics from the components (the host's
/// <see cref="Refresh"/> callback, e.g. <see cref="EngineMetrics.Observe"/>), evaluates health (and exports it as
/// <c>ict_health_status</c>), evaluates alert rules (<c>ict_alerts_active</c>) and polls automatic recovery. Runs on a
/// timer thread; never on the pipeline's threads. A failing step is logged and the next one still runs.
/// </summary>
public sealed class OperationsMonitor : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<OperationsMonitor>();

    private readonly EngineMetrics _metrics;
    private readonly HealthRegistry _health;
    private readonly AlertEvaluator _alerts;
    private readonly RecoverySupervisor _recovery;
    private readonly TimeSpan _interval;
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly Lock _lock = new();
    private Timer? _timer;

    public OperationsMonitor(EngineMetrics metrics, HealthRegistry health, AlertEvaluator alerts, RecoverySupervisor recovery, TimeSpan interval)
    {
        _metrics = metrics;
        _health = health;
        _alerts = alerts;
        _recovery = recovery;
        _interval = interval;
    }

    /// <summary>Runs first on every pass: copy component counters into the metrics.</summary>
    public Action? Refresh { get; init; }

    public void Start() => _timer = new Timer(_ => RunOnce(), null, _interval, _interval);

    /// <summary>One pass (the timer's work; public for tests and for a final pass at shutdown).</summary>
    public void RunOnce()
    {
        lock (_lock)
        {
            Guard("refresh", () => Refresh?.Invoke());
            Guard("health", () =>
            {
                foreach (var c in _health.Evaluate().Components)
                {
                    _metrics.HealthState.WithLabels(c.Name).Set((int)c.Status);
                }
            });
            Guard("alerts", () =>
            {
                foreach (var e in _alerts.Evaluate())
                {
                    _metrics.AlertsActive.WithLabels(e.Rule).Set(e.Raised ? 1 : 0);
                }
            });
            Guard("recovery", () => _recovery.Poll(Stopwatch.GetElapsedTime(_startedAt)));
        }
    }

    public void Dispose() => _timer?.Dispose();

    private static void Guard(string step, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            Logger.Error(e, "Operations step {Step} failed", step);
        }
    }
}
