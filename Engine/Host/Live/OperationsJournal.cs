using System.Security.Cryptography;
using System.Text;
using IctEngine.Core;
using IctEngine.Host.Operations;
using IctEngine.Journal;
using Serilog;

namespace IctEngine.Host.Live;

/// <summary>
/// Journals what operations observe (AlertRaised, AlertCleared, HealthChanged) as decisions of the run, written by the
/// operations thread straight to the store. They go to their own stream, <c>run-{runId}-operations</c>, because the
/// pipeline's journal writer owns the run and symbol streams (it appends with exact expected versions, and only the
/// pipeline's stage threads may write the decision queues). They are wall-clock events, so they are not part of the
/// decisions hash. Field meanings: docs/OPERATIONS.md ("Journaled operations events"). Off the hot path.
/// </summary>
public sealed class OperationsJournal
{
    /// <summary>Alert rules by <see cref="Decision.Code"/> (AlertRaised / AlertCleared).</summary>
    public static readonly string[] AlertRules = ["latency_p99", "reject_rate", "feed_silent", "drawdown_daily_limit", "journal_lag"];

    /// <summary>Fixed components by <see cref="Decision.Code"/> (HealthChanged); stages are 100 + their index.</summary>
    public static readonly string[] Components = ["bridge", "feed", "ring", "journal", "memory", "gc"];

    private const int StageBase = 100;
    private static readonly ILogger Logger = Log.ForContext<OperationsJournal>();

    private readonly IEventStore _store;
    private readonly string _runId;
    private readonly string _stream;
    private readonly IReadOnlyList<string> _stages;
    private readonly Lock _gate = new();
    private long _next;

    public OperationsJournal(IEventStore store, string runId, IReadOnlyList<string> stageNames)
    {
        _store = store;
        _runId = runId;
        _stream = JournalStreams.Symbol(runId, "operations");
        _stages = stageNames;
    }

    /// <summary>Events written so far.</summary>
    public long Written => Interlocked.Read(ref _next);

    /// <summary>AlertRaised / AlertCleared: Code = rule, A = value, B = threshold (both in millionths).</summary>
    public void Alert(AlertEvent e)
    {
        var d = new Decision
        {
            Type = e.Raised ? DecisionType.AlertRaised : DecisionType.AlertCleared,
            Code = Array.IndexOf(AlertRules, e.Rule),
            SymbolId = -1,
            TimeNs = Timestamp.FromDateTimeOffset(e.At).UnixNanoseconds,
            A = Millionths(e.Value),
            B = Millionths(e.Threshold),
        };
        Append(d);
    }

    /// <summary>HealthChanged: Code = component, Ref0 = previous status (-1 none), Ref1 = new status (0 healthy, 1 degraded, 2 unhealthy).</summary>
    public void Health(ComponentHealth? previous, ComponentHealth current, long timeNs)
    {
        var d = new Decision
        {
            Type = DecisionType.HealthChanged,
            Code = ComponentCode(current.Name),
            SymbolId = -1,
            TimeNs = timeNs,
            Ref0 = previous is { } p ? (int)p.Status : -1,
            Ref1 = (int)current.Status,
        };
        Append(d);
    }

    /// <summary>The name of a HealthChanged component code.</summary>
    public static string ComponentName(int code, IReadOnlyList<string> stageNames) =>
        code >= StageBase && code - StageBase < stageNames.Count ? "stage:" + stageNames[code - StageBase]
        : (uint)code < (uint)Components.Length ? Components[code] : "unknown";

    private int ComponentCode(string name)
    {
        if (name.StartsWith("stage:", StringComparison.Ordinal))
        {
            for (var i = 0; i < _stages.Count; i++)
            {
                if (name.AsSpan(6).SequenceEqual(_stages[i]))
                {
                    return StageBase + i;
                }
            }
        }

        return Array.IndexOf(Components, name);
    }

    private static long Millionths(double value) =>
        double.IsFinite(value) ? (long)Math.Round(Math.Clamp(value, -9e12, 9e12) * 1_000_000d) : 0;

    private void Append(Decision d)
    {
        try
        {
            lock (_gate)
            {
                d.Id = ++_next;
                var payload = new byte[DecisionCodec.MaxEncodedSize];
                var length = DecisionCodec.Encode(in d, payload);
                var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(_stream + "\n" + d.Id)).AsSpan(0, 16));
                var batch = new EventBatch();
                var s = batch.AddStream(_stream, ExpectedVersion.Any);
                batch.Add(s, new EventData(id, JournalEventTypes.Of(d.Type), payload.AsMemory(0, length), new EventMetadata(_runId, 0, 0), d.TimeNs));
                _store.Append(batch);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or InvalidDataException or WrongExpectedVersionException or System.Data.Common.DbException)
        {
            // Operations must not take the engine down; the log still has the event.
            Logger.Error(e, "Could not journal {Type}", d.Type);
        }
    }
}
