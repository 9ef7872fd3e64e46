using IctEngine.Core;
using Prometheus;

namespace IctEngine.Host.Operations;

/// <summary>
/// The engine's Prometheus metrics (prometheus-net) in their own registry, so tests and several engines in one
/// process never collide. Counters are updated by the host from stage counters off the hot path (e.g. once per batch
/// or per second), never per tick by the stages themselves. Names are documented in docs/OPERATIONS.md and used by
/// tools/grafana/ict-engine.json.
/// </summary>
public sealed class EngineMetrics
{
    public EngineMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry); // process_* and dotnet_* (memory, GC, CPU) for the dashboard
        var factory = Metrics.WithCustomRegistry(Registry);
        TicksIn = factory.CreateCounter("ict_ticks_in_total", "Ticks received from the bridge (or replay) and published into the ring.");
        Rejects = factory.CreateCounter("ict_rejects_total", "Ticks rejected, by reason.", new CounterConfiguration { LabelNames = ["reason"] });
        StageLatency = factory.CreateHistogram("ict_stage_latency_seconds", "Time from publish to the end of each stage, per event.",
            new HistogramConfiguration { LabelNames = ["stage"], Buckets = Histogram.ExponentialBuckets(0.000_000_5, 2, 24) });
        RingOccupancy = factory.CreateGauge("ict_ring_occupancy_ratio", "Share of ring slots published but not yet released by the last stage (0..1).");
        JournalLag = factory.CreateGauge("ict_journal_lag_events", "Events published but not yet committed by the journal.");
        Orders = factory.CreateCounter("ict_orders_total", "Orders submitted to the broker.", new CounterConfiguration { LabelNames = ["kind"] });
        Fills = factory.CreateCounter("ict_fills_total", "Fills reported by the broker.");
        OrderRejects = factory.CreateCounter("ict_order_rejects_total", "Orders rejected by the broker or the bridge.");
        RealizedPnl = factory.CreateGauge("ict_pnl_realized", "Realized P&L today, account currency.");
        Equity = factory.CreateGauge("ict_equity", "Account equity, account currency.");
        Balance = factory.CreateGauge("ict_balance", "Account balance, account currency.");
        DailyDrawdown = factory.CreateGauge("ict_daily_drawdown", "Loss today from the day's starting equity, account currency (positive = loss).");
        DailyLossLimit = factory.CreateGauge("ict_daily_loss_limit", "The configured daily loss limit, account currency.");
        MaxDrawdown = factory.CreateGauge("ict_max_drawdown", "Loss from the equity high-water mark, account currency.");
        MaxDrawdownLimit = factory.CreateGauge("ict_max_drawdown_limit", "The configured maximum drawdown, account currency.");
        BridgeConnected = factory.CreateGauge("ict_bridge_connected", "1 while an authenticated terminal session is active.");
        BridgeDisconnects = factory.CreateCounter("ict_bridge_disconnects_total", "Terminal sessions that ended.");
        HealthState = factory.CreateGauge("ict_health_status", "Health per component: 0 healthy, 1 degraded, 2 unhealthy.", new GaugeConfiguration { LabelNames = ["component"] });
        AlertsActive = factory.CreateGauge("ict_alerts_active", "1 while an alert rule is raised.", new GaugeConfiguration { LabelNames = ["rule"] });
    }

    public CollectorRegistry Registry { get; }

    public Counter TicksIn { get; }
    public Counter Rejects { get; }
    public Histogram StageLatency { get; }
    public Gauge RingOccupancy { get; }
    public Gauge JournalLag { get; }
    public Counter Orders { get; }
    public Counter Fills { get; }
    public Counter OrderRejects { get; }
    public Gauge RealizedPnl { get; }
    public Gauge Equity { get; }
    public Gauge Balance { get; }
    public Gauge DailyDrawdown { get; }
    public Gauge DailyLossLimit { get; }
    public Gauge MaxDrawdown { get; }
    public Gauge MaxDrawdownLimit { get; }
    public Gauge BridgeConnected { get; }
    public Counter BridgeDisconnects { get; }
    public Gauge HealthState { get; }
    public Gauge AlertsActive { get; }

    /// <summary>Counts a reject under its <see cref="RejectReason"/> name (or a bridge reason such as "malformed_frame").</summary>
    public void CountReject(RejectReason reason, long count = 1) => Rejects.WithLabels(reason.ToString()).Inc(count);

    public void CountReject(string reason, long count = 1) => Rejects.WithLabels(reason).Inc(count);

    /// <summary>Brings a counter up to a cumulative total read from a component's statistics (never decreases it).</summary>
    public static void AdvanceTo(Counter counter, double total)
    {
        var delta = total - counter.Value;
        if (delta > 0)
        {
            counter.Inc(delta);
        }
    }

    /// <summary>Same as <see cref="AdvanceTo(Counter, double)"/> for a labelled child.</summary>
    public static void AdvanceTo(Counter.Child counter, double total)
    {
        var delta = total - counter.Value;
        if (delta > 0)
        {
            counter.Inc(delta);
        }
    }

    /// <summary>
    /// Copies the bridge's cumulative counters and connection state into the metrics; the host calls this on its
    /// operations timer (cheap: a handful of atomic reads).
    /// </summary>
    public void Observe(IctEngine.Bridge.BridgeFeedStatistics feed, IctEngine.Bridge.BridgeListener listener)
    {
        AdvanceTo(TicksIn, feed.TicksPublished);
        AdvanceTo(Rejects.WithLabels(nameof(RejectReason.NonFinitePrice)), feed.RejectedNonFinite);
        AdvanceTo(Rejects.WithLabels(nameof(RejectReason.NonPositivePrice)), feed.RejectedNonPositive);
        AdvanceTo(Rejects.WithLabels(nameof(RejectReason.UnknownSymbol)), feed.RejectedUnknownSymbol);
        AdvanceTo(Rejects.WithLabels("BridgeDuplicate"), feed.DuplicatesDropped);
        AdvanceTo(Rejects.WithLabels("MalformedFrame"), feed.MalformedFrames);
        AdvanceTo(BridgeDisconnects, listener.Disconnects);
        BridgeConnected.Set(listener.State == IctEngine.Bridge.BridgeConnectionState.Connected ? 1 : 0);
    }

    /// <summary>Writes the exposition text (what <c>/metrics</c> serves).</summary>
    public Task ExportAsync(Stream destination, CancellationToken cancel = default) => Registry.CollectAndExportAsTextAsync(destination, cancel);
}
