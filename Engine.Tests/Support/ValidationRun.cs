using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ticks;
using IctEngine.Validation;

namespace IctEngine.Tests.Support;

/// <summary>Feeds ticks through a <see cref="ValidationStage"/> the way the ring does and collects its decisions.</summary>
public sealed class ValidationRun
{
    private readonly SpscQueue<Decision> _queue = new(1 << 12);
    private EngineEvent _slot;
    private long _sequence;

    public ValidationRun(ValidationOptions? options = null)
    {
        Stage = new ValidationStage(InstrumentCatalog.Default, options ?? ValidationOptions.Default, _queue);
    }

    public ValidationStage Stage { get; }

    public List<Decision> Decisions { get; } = [];

    public bool KeepDecisions { get; init; } = true;

    public IEnumerable<Decision> Rejects => Decisions.Where(d => d.Type == DecisionType.TickRejected);

    public IEnumerable<Decision> Gaps => Decisions.Where(d => d.Type == DecisionType.FeedGap);

    /// <summary>Publishes one tick into the slot, runs the stage, drains what it queued; returns the verdict.</summary>
    public RejectReason Feed(in Tick tick)
    {
        _slot.Kind = EngineEventKind.Tick;
        _slot.Tick = tick;
        _slot.TimeNs = tick.TimeNs;
        _slot.ClearOutputs();
        Stage.OnEvent(ref _slot, _sequence++, true);
        for (var i = 0; i < _slot.Decisions[(int)PipelineStage.Validation]; i++)
        {
            var decision = _queue.Read();
            if (KeepDecisions)
            {
                Decisions.Add(decision);
            }
        }

        return _slot.Reject;
    }

    /// <summary>Feeds all ticks; returns the verdict of each.</summary>
    public RejectReason[] FeedAll(IReadOnlyList<Tick> ticks)
    {
        var verdicts = new RejectReason[ticks.Count];
        for (var i = 0; i < ticks.Count; i++)
        {
            verdicts[i] = Feed(ticks[i]);
        }

        return verdicts;
    }

    /// <summary>The slot as the stage left it (for pass-through checks).</summary>
    public ref EngineEvent Slot => ref _slot;

    public long Sequence => _sequence;

    public void Feed(ref EngineEvent slot) => Stage.OnEvent(ref slot, _sequence++, true);
}
