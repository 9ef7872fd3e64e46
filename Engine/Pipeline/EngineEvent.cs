using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Pipeline;

/// <summary>
/// One ring slot. Preallocated and reused: the producer fills the input part (<see cref="Kind"/>, <see cref="Tick"/>,
/// <see cref="TimeNs"/>, <see cref="Report"/>), each stage writes only its own output fields, and later stages read
/// them. Variable-size outputs (decisions, signals, orders) go to per-stage <see cref="SpscQueue{T}"/>s and the slot
/// records only their counts.
/// </summary>
public struct EngineEvent
{
    // Field order is the cache layout: everything a tick touches (kind, outputs, times, the tick: 96 bytes) comes
    // first and together, so that a slot crossing cores moves as few cache lines as possible; the broker report,
    // which ticks never touch, comes last.
    public EngineEventKind Kind;

    /// <summary>Set by validation: <see cref="RejectReason.None"/> means the tick was accepted.</summary>
    public RejectReason Reject;

    /// <summary>Signals the SMC stage queued for risk while processing this slot.</summary>
    public int SignalCount;

    /// <summary>Order requests the risk stage queued for execution while processing this slot.</summary>
    public int OrderRequestCount;

    /// <summary>Decisions each stage queued for the journal while processing this slot.</summary>
    public StageDecisionCounts Decisions;

    /// <summary>Event time, UTC ns: the tick's time, the timer's time or the report's time.</summary>
    public long TimeNs;

    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken when the slot was published. Only for latency
    /// measurement; never an input to a decision (determinism).
    /// </summary>
    public long PublishedAt;

    /// <summary>The tick (when <see cref="Kind"/> is <see cref="EngineEventKind.Tick"/>).</summary>
    public Tick Tick;

    /// <summary>The broker report (when <see cref="Kind"/> is <see cref="EngineEventKind.BrokerReport"/>).</summary>
    public BrokerReport Report;

    /// <summary>Resets the outputs so a reused slot carries nothing from its previous event.</summary>
    public void ClearOutputs()
    {
        Reject = RejectReason.None;
        SignalCount = 0;
        OrderRequestCount = 0;
        Decisions = default;
    }
}
