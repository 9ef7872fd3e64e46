using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Where SMC detectors write their decisions: stamps the current event's time and correlation id, queues the
/// decision for the journal and counts it (per slot for <c>EngineEvent.Decisions</c>, and by kind for the summary).
/// </summary>
public sealed class DecisionEmitter
{
    private readonly SpscQueue<Decision> _queue;
    private long _timeNs;
    private long _correlationId;

    public DecisionEmitter(SpscQueue<Decision> queue, SmcCounts counts)
    {
        _queue = queue;
        Counts = counts;
    }

    public SmcCounts Counts { get; }

    /// <summary>Decisions queued since the last <see cref="Begin"/>.</summary>
    public int Emitted { get; private set; }

    /// <summary>Time of the event being processed, UTC ns.</summary>
    public long TimeNs => _timeNs;

    public void Begin(long timeNs, long correlationId)
    {
        _timeNs = timeNs;
        _correlationId = correlationId;
        Emitted = 0;
    }

    /// <summary>Stamps time and correlation on <paramref name="decision"/> and queues it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit(ref Decision decision)
    {
        decision.TimeNs = _timeNs;
        decision.CorrelationId = _correlationId;
        _queue.Write(in decision);
        Counts.Add(decision.Type, decision.Code);
        Emitted++;
    }
}
