using Serilog;

namespace IctEngine.Host.Operations;

/// <summary>
/// The engine's component health checks. The host registers one probe per component (bridge connection, feed
/// freshness, ring occupancy, per-stage lag, journal backlog, memory, GC pauses; see <see cref="HealthChecks"/>),
/// evaluates them periodically (and on each <c>/health</c> request), and is told about every status change through
/// <see cref="StatusChanged"/> (the host journals a HealthChanged decision and may escalate). Thread-safe.
/// </summary>
public sealed class HealthRegistry
{
    private static readonly ILogger Logger = Log.ForContext<HealthRegistry>();

    private readonly Lock _lock = new();
    private readonly List<(string Name, Func<ComponentHealth> Probe)> _checks = [];
    private readonly Dictionary<string, HealthStatus> _last = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private HealthReport? _latest;

    public HealthRegistry(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <summary>Called with (previous, current) whenever a component's status changes (the first evaluation included).</summary>
    public Action<ComponentHealth?, ComponentHealth>? StatusChanged { get; set; }

    /// <summary>The last evaluation, or null before the first.</summary>
    public HealthReport? Latest
    {
        get
        {
            lock (_lock)
            {
                return _latest;
            }
        }
    }

    public void Register(string name, Func<ComponentHealth> probe)
    {
        lock (_lock)
        {
            _checks.Add((name, probe));
        }
    }

    /// <summary>Runs every probe (a throwing probe counts as unhealthy, it never breaks the others).</summary>
    public HealthReport Evaluate()
    {
        lock (_lock)
        {
            var results = new List<ComponentHealth>(_checks.Count);
            var overall = HealthStatus.Healthy;
            foreach (var (name, probe) in _checks)
            {
                ComponentHealth health;
                try
                {
                    health = probe() with { Name = name };
                }
                catch (Exception e)
                {
                    health = new ComponentHealth(name, HealthStatus.Unhealthy, $"health probe failed: {e.Message}");
                }

                results.Add(health);
                overall = health.Status > overall ? health.Status : overall;
                var known = _last.TryGetValue(name, out var previous);
                if (!known || previous != health.Status)
                {
                    _last[name] = health.Status;
                    if (known || health.Status != HealthStatus.Healthy)
                    {
                        Logger.Write(health.Status == HealthStatus.Healthy ? Serilog.Events.LogEventLevel.Information : Serilog.Events.LogEventLevel.Warning,
                            "Health of {Component}: {Previous} -> {Status} ({Detail})", name, known ? previous : null, health.Status, health.Detail);
                    }

                    StatusChanged?.Invoke(known ? health with { Status = previous } : null, health);
                }
            }

            _latest = new HealthReport(overall, results, _time.GetUtcNow());
            return _latest;
        }
    }
}
