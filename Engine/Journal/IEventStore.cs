namespace IctEngine.Journal;

/// <summary>
/// An append-only store of events in named streams, with EventStoreDB's semantics: optimistic concurrency by
/// expected version, idempotent appends by event id, stream reads forwards and backwards, a global order over all
/// streams (the position, from 1, increasing; readers never see a position appear below one they were already given;
/// gaps are possible on PostgreSQL) and catch-up subscriptions. Implementations are safe to call from several threads
/// (calls are serialized per store instance).
/// </summary>
public interface IEventStore : IDisposable
{
    /// <summary>Where the store lives, for messages (a path or a host/database, never a password).</summary>
    string Description { get; }

    /// <summary>
    /// Appends every event of <paramref name="batch"/> atomically: all or nothing. Throws
    /// <see cref="WrongExpectedVersionException"/> (nothing written) when a stream's expected version does not
    /// hold. When the batch's first event id is already stored and so are all the others, it is an idempotent retry:
    /// nothing is written and the results describe the stored events. Fills the batch's results.
    /// </summary>
    void Append(EventBatch batch);

    /// <summary>The version of the stream's last event, or -1 when the stream does not exist.</summary>
    long GetStreamVersion(string stream);

    /// <summary>Events of one stream with version ≥ <paramref name="fromVersion"/>, oldest first.</summary>
    IReadOnlyList<RecordedEvent> ReadStreamForwards(string stream, long fromVersion, int maxCount);

    /// <summary>Events of one stream with version ≤ <paramref name="fromVersion"/> (-1: from the end), newest first.</summary>
    IReadOnlyList<RecordedEvent> ReadStreamBackwards(string stream, long fromVersion, int maxCount);

    /// <summary>
    /// Events of every stream with position ≥ <paramref name="fromPosition"/>, in position order; only the run's
    /// events when <paramref name="runId"/> is given.
    /// </summary>
    IReadOnlyList<RecordedEvent> ReadAll(long fromPosition, int maxCount, string? runId = null);

    /// <summary>The position of the last committed event (0 when the store is empty).</summary>
    long GetLastPosition();

    /// <summary>Stream names starting with <paramref name="prefix"/> (all when empty), sorted, with their versions.</summary>
    IReadOnlyList<StreamInfo> ListStreams(string? prefix = null);

    /// <summary>
    /// Delivers every event with position ≥ <paramref name="fromPosition"/> to <paramref name="handler"/> on a
    /// background thread, in position order, then follows new appends (from this process at once, from other
    /// processes within <paramref name="pollInterval"/>). Dispose the subscription to stop it.
    /// </summary>
    EventSubscription SubscribeToAll(long fromPosition, Action<RecordedEvent> handler, TimeSpan? pollInterval = null);
}
