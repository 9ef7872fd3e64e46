namespace IctEngine.Host.Operations;

/// <summary>
/// What <see cref="LiveOperations"/> needs from the rest of the engine, as delegates the host wires at integration
/// (ring, stages, journal, risk). Everything is optional: a missing probe is simply not registered.
/// </summary>
public sealed class LiveOperationsInputs
{
    /// <summary>Trading state and account vs limits for the status page and <c>/health</c>.</summary>
    public Func<TradingSnapshot> Trading { get; init; } = () => TradingSnapshot.Unknown;

    /// <summary>Ring occupancy in percent (0..100).</summary>
    public Func<double>? RingOccupancyPercent { get; init; }

    /// <summary>Events each stage is behind the producer, by stage name.</summary>
    public IReadOnlyDictionary<string, Func<double>> StageLag { get; init; } = new Dictionary<string, Func<double>>();

    /// <summary>Events published but not yet committed by the journal.</summary>
    public Func<double>? JournalBacklog { get; init; }

    /// <summary>End-to-end p99 latency in ms (e.g. from the journal stage's histogram); NaN when unknown.</summary>
    public Func<double>? LatencyP99Ms { get; init; }

    /// <summary>Rejected ticks as % of received over the last interval; defaults to the bridge's own rejects.</summary>
    public Func<double>? RejectRatePercent { get; init; }

    /// <summary>Copies ring/journal/account values into <see cref="EngineMetrics"/> on each operations pass.</summary>
    public Action<EngineMetrics>? RefreshMetrics { get; init; }

    /// <summary>Alert raised/cleared: the host journals AlertRaised/AlertCleared.</summary>
    public Action<AlertEvent>? AlertChanged { get; init; }

    /// <summary>Component health changed: the host journals HealthChanged.</summary>
    public Action<ComponentHealth?, ComponentHealth>? HealthChanged { get; init; }

    /// <summary>Recovery gave up (e.g. the bridge listener cannot be rebound): the host moves trading to HALTED.</summary>
    public Action<string>? Escalate { get; init; }
}
