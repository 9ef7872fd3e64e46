namespace IctEngine.Bridge;

/// <summary>
/// Counters of the bridge feed, written by the session thread and read by health checks and metrics from any
/// thread (atomic 64-bit reads). Counts only grow; rates are the reader's business.
/// </summary>
public sealed class BridgeFeedStatistics
{
    private long _ticksPublished;
    private long _duplicatesDropped;
    private long _duplicateDeals;
    private long _deals;
    private long _rejectedNonFinite;
    private long _rejectedNonPositive;
    private long _rejectedUnknownSymbol;
    private long _malformedFrames;
    private long _reportsPublished;
    private long _backfillRequests;
    private long _sessions;
    private long _lastTickReceivedAt;

    public long TicksPublished => Interlocked.Read(ref _ticksPublished);

    /// <summary>Ticks older than the symbol's cursor (already received before a reconnect): dropped, never published.</summary>
    public long DuplicatesDropped => Interlocked.Read(ref _duplicatesDropped);

    /// <summary>Fills whose deal ticket was already published (a client resending a result): dropped, never applied twice.</summary>
    public long DuplicateDealsDropped => Interlocked.Read(ref _duplicateDeals);

    /// <summary>Deal reports received (protocol 3) and published as fills, duplicates excluded.</summary>
    public long DealsReceived => Interlocked.Read(ref _deals);

    public long RejectedNonFinite => Interlocked.Read(ref _rejectedNonFinite);

    public long RejectedNonPositive => Interlocked.Read(ref _rejectedNonPositive);

    public long RejectedUnknownSymbol => Interlocked.Read(ref _rejectedUnknownSymbol);

    /// <summary>Frames of an unknown type or with a wrong payload size (the session survives these).</summary>
    public long MalformedFrames => Interlocked.Read(ref _malformedFrames);

    public long ReportsPublished => Interlocked.Read(ref _reportsPublished);

    public long BackfillRequests => Interlocked.Read(ref _backfillRequests);

    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary><see cref="Environment.TickCount64"/> when the last tick arrived (0: never): feed freshness.</summary>
    public long LastTickReceivedAt => Interlocked.Read(ref _lastTickReceivedAt);

    internal void TickPublished(long now)
    {
        Interlocked.Increment(ref _ticksPublished);
        Interlocked.Exchange(ref _lastTickReceivedAt, now);
    }

    internal void DuplicateDropped() => Interlocked.Increment(ref _duplicatesDropped);

    internal void DuplicateDealDropped() => Interlocked.Increment(ref _duplicateDeals);

    internal void DealReceived() => Interlocked.Increment(ref _deals);

    internal void RejectedNonFinitePrice() => Interlocked.Increment(ref _rejectedNonFinite);

    internal void RejectedNonPositivePrice() => Interlocked.Increment(ref _rejectedNonPositive);

    internal void RejectedUnknown() => Interlocked.Increment(ref _rejectedUnknownSymbol);

    internal void MalformedFrame() => Interlocked.Increment(ref _malformedFrames);

    internal void ReportPublished() => Interlocked.Increment(ref _reportsPublished);

    internal void BackfillRequested() => Interlocked.Increment(ref _backfillRequests);

    internal void SessionStarted() => Interlocked.Increment(ref _sessions);
}
