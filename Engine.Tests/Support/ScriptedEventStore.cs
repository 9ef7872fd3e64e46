using IctEngine.Journal;

namespace IctEngine.Tests.Support;

/// <summary>
/// Wraps a real store and misbehaves on request: fails appends (before or after committing them, the latter being
/// a lost acknowledgement), or holds appends until released, to test how the journal reacts.
/// </summary>
public sealed class ScriptedEventStore(IEventStore inner) : IEventStore
{
    private int _failuresLeft;

    /// <summary>Closed: appends wait until it is set (a stalled store).</summary>
    public ManualResetEventSlim Gate { get; } = new(true);

    /// <summary>Commit the append, then throw anyway (the acknowledgement is lost).</summary>
    public bool FailAfterCommit { get; set; }

    /// <summary>Fail every append, forever.</summary>
    public bool AlwaysFail { get; set; }

    public int AppendCalls { get; private set; }

    public string Description => "scripted:" + inner.Description;

    public void FailNext(int count) => _failuresLeft = count;

    public void Append(EventBatch batch)
    {
        AppendCalls++;
        Gate.Wait();
        var fail = AlwaysFail || _failuresLeft-- > 0;
        if (fail && !FailAfterCommit)
        {
            throw new IOException("scripted append failure");
        }

        inner.Append(batch);
        if (fail)
        {
            throw new IOException("scripted lost acknowledgement");
        }
    }

    public long GetStreamVersion(string stream) => inner.GetStreamVersion(stream);

    public IReadOnlyList<RecordedEvent> ReadStreamForwards(string stream, long fromVersion, int maxCount) =>
        inner.ReadStreamForwards(stream, fromVersion, maxCount);

    public IReadOnlyList<RecordedEvent> ReadStreamBackwards(string stream, long fromVersion, int maxCount) =>
        inner.ReadStreamBackwards(stream, fromVersion, maxCount);

    public IReadOnlyList<RecordedEvent> ReadAll(long fromPosition, int maxCount, string? runId = null) =>
        inner.ReadAll(fromPosition, maxCount, runId);

    public long GetLastPosition() => inner.GetLastPosition();

    public IReadOnlyList<StreamInfo> ListStreams(string? prefix = null) => inner.ListStreams(prefix);

    public EventSubscription SubscribeToAll(long fromPosition, Action<RecordedEvent> handler, TimeSpan? pollInterval = null) =>
        inner.SubscribeToAll(fromPosition, handler, pollInterval);

    public void Dispose()
    {
        Gate.Set();
        Gate.Dispose();
        inner.Dispose();
    }
}
