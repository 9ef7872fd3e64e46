using Serilog;
using SQLitePCL;

namespace IctEngine.Journal;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends run in one <c>BEGIN IMMEDIATE</c> transaction
/// per batch (which also serializes writers of other processes sharing the file), through prepared statements
/// bound straight from spans with SQLitePCL, so a batch costs no per-event allocation. Positions are assigned as
/// last + 1 inside that transaction, so they are gapless and visible in order. <c>synchronous=NORMAL</c>: a
/// committed batch survives the process being killed (not necessarily a power cut; see docs/EVENT-STORE.md).
/// Schema 2 keeps no per-event index besides the position: streams, runs and event ids are indexed by segments and
/// id ranges (one row per batch and stream in the journal's case; <see cref="StoreSegmentBuilder"/>,
/// <see cref="EventIdRangeBuilder"/>), because each per-event index entry cost about as much as the event's own row.
/// A schema 1 store is migrated when opened.
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    internal const string FormatName = "ict-event-store";
    internal const int SchemaVersion = 2;

    private const string SelectColumns =
        "SELECT stream_id, version, position, event_id, type, payload, run_id, correlation_id, causation_id, time_ns FROM ict_event_rows ";

    /// <summary>
    /// Events per multi-row INSERT: one step, reset and statement start-up per 16 rows instead of per row
    /// (~15% of an append's time at one row per statement; 64 rows measured no better).
    /// </summary>
    private const int RowsPerInsert = 16;

    private const int ColumnsPerRow = 10;

    /// <summary>Page size of a new store's file (bytes).</summary>
    internal const int PageSize = 16384;

    /// <summary>WAL size at which an append checkpoints (bytes; SQLite counts it in the file's pages).</summary>
    private const int WalBytesPerCheckpoint = 4 << 20;

    private static readonly ILogger Logger = Log.ForContext<SqliteEventStore>();

    private readonly Lock _gate = new();
    private readonly sqlite3 _db;
    private readonly AppendNotifier _notifier = new();
    private readonly Dictionary<long, string> _streamNames = [];
    private readonly Utf8StringCache _strings = new();
    private readonly Utf8BytesCache _runUtf8 = new();
    private readonly NativeUtf8Cache _nativeStrings = new();
    private readonly NativeRowScratch _rowScratch = new();
    private readonly StoreSegmentBuilder _streamSegments = new();
    private readonly StoreSegmentBuilder _runSegments = new();
    private readonly EventIdRangeBuilder _idRanges = new();
    private readonly List<string> _batchRuns = [];
    private readonly InsertStatement _insertEvent;
    private readonly InsertStatement _insertEvents;
    private readonly sqlite3_stmt _insertStreamSegment;
    private readonly sqlite3_stmt _insertRunSegment;
    private readonly sqlite3_stmt _insertIdRange;
    private readonly sqlite3_stmt _findIdRange;
    private readonly sqlite3_stmt _eventAt;
    private readonly sqlite3_stmt _streamVersion;
    private readonly sqlite3_stmt _insertStream;
    private readonly sqlite3_stmt _updateStream;
    private readonly sqlite3_stmt _lastPosition;
    private readonly sqlite3_stmt _segmentsForwards;
    private readonly sqlite3_stmt _segmentsBackwards;
    private readonly sqlite3_stmt _rangeForwards;
    private readonly sqlite3_stmt _rangeBackwards;
    private readonly sqlite3_stmt _runSegmentsFrom;
    private readonly sqlite3_stmt _runRange;
    private readonly sqlite3_stmt _readAll;
    private readonly sqlite3_stmt _streamName;
    private readonly sqlite3_stmt _listStreams;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly long[] _versionScratch = new long[64];
    private readonly long[] _streamIdScratch = new long[64];
    private bool _disposed;

    /// <summary>Opens (creating when missing, migrating a schema 1 store) the store at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a SQLite database or not an IctEngine event store.</exception>
    public SqliteEventStore(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // A raw handle opened without SQLite's per-connection mutex: every call already runs under _gate, and the
        // mutex taken by each bind/step/reset was ~10% of an append (measured; docs/perf/sqlperf.md).
        Batteries_V2.Init();
        var rc = raw.sqlite3_open_v2(Path, out _db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            if (rc != raw.SQLITE_OK)
            {
                throw Failure("open the file", rc);
            }

            raw.sqlite3_busy_timeout(_db, 10_000);

            // The store creates a stream's row in the same transaction as its first event, so the per-row foreign
            // key lookup (on by default in the bundled SQLite) only costs time.
            Execute("PRAGMA foreign_keys=OFF");
            EnsureSchema();
            SqliteNativeBinds.EnsureLoaded();
            _insertEvent = new InsertStatement(Prepare(InsertEvents(1)), 1);
            _insertEvents = new InsertStatement(Prepare(InsertEvents(RowsPerInsert)), RowsPerInsert);
            _insertStreamSegment = Prepare(SqliteStoreIndexer.InsertStreamSegmentSql);
            _insertRunSegment = Prepare(SqliteStoreIndexer.InsertRunSegmentSql);
            _insertIdRange = Prepare(SqliteStoreIndexer.InsertIdRangeSql);
            _findIdRange = Prepare(
                "SELECT id_low_first, first_position FROM ict_event_ids WHERE id_high = ?1 AND id_low_last >= ?2 ORDER BY id_low_last LIMIT 1");
            _eventAt = Prepare("SELECT stream_id, version FROM ict_event_rows WHERE position = ?1");
            _streamVersion = Prepare("SELECT id, version FROM ict_streams WHERE name = ?1");
            _insertStream = Prepare("INSERT INTO ict_streams(name, version) VALUES(?1, -1)");
            _updateStream = Prepare("UPDATE ict_streams SET version = ?2 WHERE id = ?1");
            _lastPosition = Prepare("SELECT COALESCE(MAX(position), 0) FROM ict_event_rows");
            _segmentsForwards = Prepare(
                "SELECT first_version, last_version, first_position, last_position FROM ict_stream_segments "
                + "WHERE stream_id = ?1 AND last_version >= ?2 ORDER BY last_version");
            _segmentsBackwards = Prepare(
                "SELECT first_version, last_version, first_position, last_position FROM ict_stream_segments "
                + "WHERE stream_id = ?1 AND last_version <= ?2 ORDER BY last_version DESC");
            _rangeForwards = Prepare(
                SelectColumns + "WHERE position >= ?1 AND position <= ?2 AND stream_id = ?3 AND version >= ?4 ORDER BY position LIMIT ?5");
            _rangeBackwards = Prepare(
                SelectColumns + "WHERE position >= ?1 AND position <= ?2 AND stream_id = ?3 AND version <= ?4 ORDER BY position DESC LIMIT ?5");
            _runSegmentsFrom = Prepare(
                "SELECT first_position, last_position FROM ict_run_segments WHERE run_id = ?1 AND last_position >= ?2 ORDER BY last_position");
            _runRange = Prepare(SelectColumns + "WHERE position >= ?1 AND position <= ?2 AND run_id = ?3 ORDER BY position LIMIT ?4");
            _readAll = Prepare(SelectColumns + "WHERE position >= ?1 ORDER BY position LIMIT ?2");
            _streamName = Prepare("SELECT name FROM ict_streams WHERE id = ?1");
            _listStreams = Prepare(
                "SELECT name, version FROM ict_streams WHERE version >= 0 AND substr(name, 1, length(?1)) = ?1 ORDER BY name");
            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
        }
        catch (IOException e)
        {
            _db.Dispose();
            throw new InvalidDataException($"{Path}: cannot open as an IctEngine event store: {e.Message}", e);
        }
        catch
        {
            _db.Dispose();
            throw;
        }

        Logger.Debug("Opened SQLite event store {Path}", Path);
    }

    public string Path { get; }

    public string Description => "sqlite:" + Path;

    public void Append(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            ThrowIfDisposed();
            batch.ResetResults();
            if (batch.Count == 0)
            {
                for (var s = 0; s < batch.StreamCount; s++)
                {
                    batch.SetNextVersion(s, ReadStreamVersion(batch.Stream(s), out _));
                }

                return;
            }

            Step(_begin);
            var committed = false;
            try
            {
                if (TryCompleteAsRetry(batch))
                {
                    return;
                }

                var streams = batch.StreamCount;
                var versions = streams <= _versionScratch.Length ? _versionScratch : new long[streams];
                var ids = streams <= _streamIdScratch.Length ? _streamIdScratch : new long[streams];
                for (var s = 0; s < streams; s++)
                {
                    var name = batch.Stream(s);
                    var version = ReadStreamVersion(name, out var id);
                    if (!batch.Expected(s).IsSatisfiedBy(version))
                    {
                        throw new WrongExpectedVersionException(name, batch.Expected(s), version);
                    }

                    ids[s] = id >= 0 ? id : InsertStream(name);
                    versions[s] = version;
                }

                var position = ScalarLong(_lastPosition);
                _streamSegments.Reset();
                _runSegments.Reset();
                _idRanges.Reset();
                _batchRuns.Clear();
                var runKey = -1;
                string? run = null;
                var runText = default(NativeUtf8Cache.Entry);
                var chunkedEnd = batch.Count - (batch.Count % RowsPerInsert);
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var e = ref batch.Event(i);
                    var s = batch.StreamOf(i);
                    versions[s]++;
                    position++;
                    var runId = e.Metadata.RunId ?? string.Empty;
                    if (!ReferenceEquals(runId, run))
                    {
                        run = runId;
                        runKey = RunKey(runId);
                        runText = _nativeStrings.Get(runId);
                    }

                    _streamSegments.Add(s, position, versions[s]);
                    _runSegments.Add(runKey, position);
                    _idRanges.Add(e.EventId, position, i);
                    var chunked = i < chunkedEnd;
                    var insert = chunked ? _insertEvents : _insertEvent;
                    var row = chunked ? i % RowsPerInsert : 0;
                    if (row == 0)
                    {
                        _rowScratch.Reset(batch, i, chunked ? RowsPerInsert : 1);
                    }

                    BindRow(insert, row, ids[s], versions[s], e, runId, runText);
                    if (!chunked || row == RowsPerInsert - 1)
                    {
                        var rc = raw.sqlite3_step(insert.Statement);
                        raw.sqlite3_reset(insert.Statement);
                        if (rc != raw.SQLITE_DONE)
                        {
                            throw Failure("append", rc);
                        }
                    }
                }

                if (raw.sqlite3_last_insert_rowid(_db) != position)
                {
                    // Cannot happen while this transaction is the only writer; refuse rather than index wrong positions.
                    throw new InvalidDataException(
                        $"{Path}: SQLite gave the batch's last event position {raw.sqlite3_last_insert_rowid(_db)}, expected {position}. Nothing was written.");
                }

                _streamSegments.Finish();
                _runSegments.Finish();
                _idRanges.Finish();
                InsertIdRanges(batch);
                for (var g = 0; g < _streamSegments.Count; g++)
                {
                    ref readonly var segment = ref _streamSegments[g];
                    InsertStreamSegment(ids[segment.Key], segment);
                }

                for (var g = 0; g < _runSegments.Count; g++)
                {
                    ref readonly var segment = ref _runSegments[g];
                    InsertRunSegment(_runUtf8.Get(_batchRuns[segment.Key]), segment);
                }

                for (var s = 0; s < streams; s++)
                {
                    raw.sqlite3_bind_int64(_updateStream, 1, ids[s]);
                    raw.sqlite3_bind_int64(_updateStream, 2, versions[s]);
                    Step(_updateStream);
                    batch.SetNextVersion(s, versions[s]);
                }

                Step(_commit);
                committed = true;
                batch.LastPosition = position;
            }
            finally
            {
                if (!committed)
                {
                    raw.sqlite3_step(_rollback);
                    raw.sqlite3_reset(_rollback);
                    if (!batch.WasIdempotentRetry)
                    {
                        batch.ResetResults();
                    }
                }
            }
        }

        _notifier.Notify();
    }

    public long GetStreamVersion(string stream)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return ReadStreamVersion(stream, out _);
        }
    }

    public IReadOnlyList<RecordedEvent> ReadStreamForwards(string stream, long fromVersion, int maxCount) =>
        ReadStream(stream, Math.Max(0, fromVersion), maxCount, forwards: true);

    public IReadOnlyList<RecordedEvent> ReadStreamBackwards(string stream, long fromVersion, int maxCount) =>
        ReadStream(stream, fromVersion < 0 ? long.MaxValue : fromVersion, maxCount, forwards: false);

    public IReadOnlyList<RecordedEvent> ReadAll(long fromPosition, int maxCount, string? runId = null)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            fromPosition = Math.Max(1, fromPosition);
            var result = new List<RecordedEvent>(Math.Clamp(maxCount, 0, 4096));
            if (runId is null)
            {
                raw.sqlite3_bind_int64(_readAll, 1, fromPosition);
                raw.sqlite3_bind_int64(_readAll, 2, Math.Max(0, maxCount));
                ReadRows(_readAll, result);
                return result;
            }

            // The run's segments from the first one still reaching fromPosition, each a bounded scan of positions.
            var run = _runUtf8.Get(runId);
            raw.sqlite3_bind_text(_runSegmentsFrom, 1, run);
            raw.sqlite3_bind_int64(_runSegmentsFrom, 2, fromPosition);
            try
            {
                int rc;
                while (result.Count < maxCount && (rc = raw.sqlite3_step(_runSegmentsFrom)) != raw.SQLITE_DONE)
                {
                    if (rc != raw.SQLITE_ROW)
                    {
                        throw Failure("read a run's segments", rc);
                    }

                    raw.sqlite3_bind_int64(_runRange, 1, Math.Max(fromPosition, raw.sqlite3_column_int64(_runSegmentsFrom, 0)));
                    raw.sqlite3_bind_int64(_runRange, 2, raw.sqlite3_column_int64(_runSegmentsFrom, 1));
                    raw.sqlite3_bind_text(_runRange, 3, run);
                    raw.sqlite3_bind_int64(_runRange, 4, maxCount - result.Count);
                    ReadRows(_runRange, result);
                }
            }
            finally
            {
                raw.sqlite3_reset(_runSegmentsFrom);
            }

            return result;
        }
    }

    public long GetLastPosition()
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            return ScalarLong(_lastPosition);
        }
    }

    public IReadOnlyList<StreamInfo> ListStreams(string? prefix = null)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            raw.sqlite3_bind_text(_listStreams, 1, prefix ?? string.Empty);
            var result = new List<StreamInfo>();
            try
            {
                int rc;
                while ((rc = raw.sqlite3_step(_listStreams)) == raw.SQLITE_ROW)
                {
                    result.Add(new StreamInfo(raw.sqlite3_column_text(_listStreams, 0).utf8_to_string(), raw.sqlite3_column_int64(_listStreams, 1)));
                }

                if (rc != raw.SQLITE_DONE)
                {
                    throw Failure("list streams", rc);
                }
            }
            finally
            {
                raw.sqlite3_reset(_listStreams);
            }

            return result;
        }
    }

    public EventSubscription SubscribeToAll(long fromPosition, Action<RecordedEvent> handler, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfDisposed();
        return new EventSubscription(
            fromPosition, (from, max) => ReadAll(from, max), handler, _notifier, pollInterval ?? TimeSpan.FromMilliseconds(200));
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var stmt in new[]
                     {
                         _insertEvent.Statement, _insertEvents.Statement, _insertStreamSegment, _insertRunSegment, _insertIdRange, _findIdRange, _eventAt,
                         _streamVersion, _insertStream, _updateStream, _lastPosition, _segmentsForwards, _segmentsBackwards,
                         _rangeForwards, _rangeBackwards, _runSegmentsFrom, _runRange, _readAll, _streamName, _listStreams,
                         _begin, _commit, _rollback,
                     })
            {
                stmt?.Dispose();
            }

            _db.Dispose();
            _rowScratch.Dispose();
            _nativeStrings.Dispose();
        }
    }

    private IReadOnlyList<RecordedEvent> ReadStream(string stream, long version, int maxCount, bool forwards)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (ReadStreamVersion(stream, out var id) < 0 || maxCount <= 0)
            {
                return [];
            }

            var result = new List<RecordedEvent>(Math.Clamp(maxCount, 0, 4096));
            var segments = forwards ? _segmentsForwards : _segmentsBackwards;
            var range = forwards ? _rangeForwards : _rangeBackwards;
            raw.sqlite3_bind_int64(segments, 1, id);
            raw.sqlite3_bind_int64(segments, 2, forwards ? version : LastVersionOfSegmentHolding(id, version));
            try
            {
                int rc;
                while (result.Count < maxCount && (rc = raw.sqlite3_step(segments)) != raw.SQLITE_DONE)
                {
                    if (rc != raw.SQLITE_ROW)
                    {
                        throw Failure("read a stream's segments", rc);
                    }

                    raw.sqlite3_bind_int64(range, 1, raw.sqlite3_column_int64(segments, 2));
                    raw.sqlite3_bind_int64(range, 2, raw.sqlite3_column_int64(segments, 3));
                    raw.sqlite3_bind_int64(range, 3, id);
                    raw.sqlite3_bind_int64(range, 4, version);
                    raw.sqlite3_bind_int64(range, 5, maxCount - result.Count);
                    ReadRows(range, result);
                }
            }
            finally
            {
                raw.sqlite3_reset(segments);
            }

            return result;
        }
    }

    /// <summary>
    /// Where a backwards read starts: segments are keyed by their last version, so the one holding
    /// <paramref name="version"/> is the first whose last version is not below it (when it starts at or before it).
    /// </summary>
    private long LastVersionOfSegmentHolding(long streamId, long version)
    {
        raw.sqlite3_bind_int64(_segmentsForwards, 1, streamId);
        raw.sqlite3_bind_int64(_segmentsForwards, 2, version);
        try
        {
            var rc = raw.sqlite3_step(_segmentsForwards);
            if (rc == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_segmentsForwards, 0) <= version ? raw.sqlite3_column_int64(_segmentsForwards, 1) : version;
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure("read a stream's segments", rc);
            }

            return version;
        }
        finally
        {
            raw.sqlite3_reset(_segmentsForwards);
        }
    }

    private void ReadRows(sqlite3_stmt stmt, List<RecordedEvent> result)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                var streamId = raw.sqlite3_column_int64(stmt, 0);
                result.Add(new RecordedEvent(
                    StreamName(streamId),
                    raw.sqlite3_column_int64(stmt, 1),
                    raw.sqlite3_column_int64(stmt, 2),
                    new Guid(raw.sqlite3_column_blob(stmt, 3), bigEndian: true),
                    _strings.Get(raw.sqlite3_column_blob(stmt, 4)),
                    raw.sqlite3_column_blob(stmt, 5).ToArray(),
                    new EventMetadata(
                        _strings.Get(raw.sqlite3_column_blob(stmt, 6)),
                        raw.sqlite3_column_int64(stmt, 7),
                        raw.sqlite3_column_int64(stmt, 8)),
                    raw.sqlite3_column_int64(stmt, 9)));
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure("read", rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    private bool TryCompleteAsRetry(EventBatch batch)
    {
        if (!TryFindEvent(batch.Event(0).EventId, out _, out _, out _))
        {
            return false;
        }

        // The first event is stored: a retry of an acknowledged (or ambiguous) append. It is a no-op only if every
        // event is stored, in the stream it was meant for.
        long lastPosition = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var expectedStream = batch.Stream(batch.StreamOf(i));
            if (!TryFindEvent(batch.Event(i).EventId, out var streamId, out var version, out var position)
                || !string.Equals(StreamName(streamId), expectedStream, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Append to '{expectedStream}': event {batch.Event(0).EventId} is already stored but event "
                    + $"{batch.Event(i).EventId} is not (or is in another stream); a retry must repeat the same events. Nothing was written.");
            }

            var s = batch.StreamOf(i);
            batch.SetNextVersion(s, Math.Max(batch.NextExpectedVersion(s), version));
            lastPosition = Math.Max(lastPosition, position);
        }

        batch.LastPosition = lastPosition;
        batch.WasIdempotentRetry = true;
        return true;
    }

    private bool TryFindEvent(Guid eventId, out long streamId, out long version, out long position)
    {
        streamId = version = 0;
        var (high, low) = EventIdRangeBuilder.Split(eventId);
        if (!TryFindIdRange(high, low, out var lowFirst, out var firstPosition) || lowFirst > low)
        {
            position = 0;
            return false;
        }

        position = firstPosition + (low - lowFirst);
        raw.sqlite3_bind_int64(_eventAt, 1, position);
        try
        {
            var rc = raw.sqlite3_step(_eventAt);
            if (rc != raw.SQLITE_ROW)
            {
                throw rc == raw.SQLITE_DONE
                    ? new InvalidDataException($"{Path}: event id {eventId} is indexed at position {position}, which holds no event.")
                    : Failure("look up an event", rc);
            }

            streamId = raw.sqlite3_column_int64(_eventAt, 0);
            version = raw.sqlite3_column_int64(_eventAt, 1);
            return true;
        }
        finally
        {
            raw.sqlite3_reset(_eventAt);
        }
    }

    /// <summary>The id range with the smallest last id ≥ (<paramref name="high"/>, <paramref name="low"/>): the only one that can hold it.</summary>
    private bool TryFindIdRange(long high, long low, out long lowFirst, out long firstPosition)
    {
        raw.sqlite3_bind_int64(_findIdRange, 1, high);
        raw.sqlite3_bind_int64(_findIdRange, 2, low);
        try
        {
            var rc = raw.sqlite3_step(_findIdRange);
            if (rc == raw.SQLITE_ROW)
            {
                lowFirst = raw.sqlite3_column_int64(_findIdRange, 0);
                firstPosition = raw.sqlite3_column_int64(_findIdRange, 1);
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure("look up an event id", rc);
            }

            lowFirst = firstPosition = 0;
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_findIdRange);
        }
    }

    /// <summary>
    /// Writes the batch's id ranges, each after checking that no stored range (this batch's earlier ones included)
    /// overlaps it: ranges are disjoint, so the first one ending at or after this one's start is the only candidate.
    /// </summary>
    private void InsertIdRanges(EventBatch batch)
    {
        for (var r = 0; r < _idRanges.Count; r++)
        {
            ref readonly var range = ref _idRanges[r];
            if (TryFindIdRange(range.High, range.LowFirst, out var storedFirst, out _) && storedFirst <= range.LowLast)
            {
                ThrowDuplicateId(batch, range.FirstIndex + (int)(Math.Max(storedFirst, range.LowFirst) - range.LowFirst));
            }

            raw.sqlite3_bind_int64(_insertIdRange, 1, range.High);
            raw.sqlite3_bind_int64(_insertIdRange, 2, range.LowFirst);
            raw.sqlite3_bind_int64(_insertIdRange, 3, range.LowLast);
            raw.sqlite3_bind_int64(_insertIdRange, 4, range.FirstPosition);
            Step(_insertIdRange);
        }
    }

    private void InsertStreamSegment(long streamId, in StoreSegment segment)
    {
        raw.sqlite3_bind_int64(_insertStreamSegment, 1, streamId);
        raw.sqlite3_bind_int64(_insertStreamSegment, 2, segment.FirstVersion);
        raw.sqlite3_bind_int64(_insertStreamSegment, 3, segment.LastVersion);
        raw.sqlite3_bind_int64(_insertStreamSegment, 4, segment.FirstPosition);
        raw.sqlite3_bind_int64(_insertStreamSegment, 5, segment.LastPosition);
        Step(_insertStreamSegment);
    }

    private void InsertRunSegment(ReadOnlySpan<byte> runId, in StoreSegment segment)
    {
        raw.sqlite3_bind_text(_insertRunSegment, 1, runId);
        raw.sqlite3_bind_int64(_insertRunSegment, 2, segment.FirstPosition);
        raw.sqlite3_bind_int64(_insertRunSegment, 3, segment.LastPosition);
        Step(_insertRunSegment);
    }

    /// <summary>The run's index among this batch's runs (a batch rarely holds more than one).</summary>
    private int RunKey(string runId)
    {
        for (var k = 0; k < _batchRuns.Count; k++)
        {
            if (string.Equals(_batchRuns[k], runId, StringComparison.Ordinal))
            {
                return k;
            }
        }

        _batchRuns.Add(runId);
        return _batchRuns.Count - 1;
    }

    /// <summary>
    /// Binds one event to row <paramref name="row"/> of <paramref name="insert"/>. Ids and payloads are copied to the
    /// row scratch and bound in place; the type and run id are bound in place from the native string cache, and only
    /// when the slot does not already hold them (bindings survive a reset: a run's id is bound once per slot, not
    /// once per event), as are the stream id and causation id. The position is not bound: the insert leaves it to
    /// SQLite's rowid allocation, max + 1, which inside this write transaction is exactly last + 1 for each row in
    /// turn (checked after the inserts); it saved the bind and a b-tree existence check per row (~8% of the writer's CPU).
    /// </summary>
    private unsafe void BindRow(
        InsertStatement insert, int row, long streamId, long version, in EventData e, string runId, NativeUtf8Cache.Entry runText)
    {
        var handle = insert.Handle;
        var column = row * ColumnsPerRow;
        var payload = e.Payload.Span;
        var rc = SqliteNativeBinds.BindInt64(handle, column + 3, version)
            | SqliteNativeBinds.BindStaticBlob(handle, column + 4, _rowScratch.Id(e.EventId), 16)
            | SqliteNativeBinds.BindStaticBlob(handle, column + 6, _rowScratch.Copy(payload), payload.Length)
            | SqliteNativeBinds.BindInt64(handle, column + 8, e.Metadata.CorrelationId)
            | SqliteNativeBinds.BindInt64(handle, column + 10, e.TimeNs);
        if (rc != raw.SQLITE_OK)
        {
            throw BindFailure(insert, rc);
        }

        BindInt64IfChanged(insert, column + 2, streamId);
        BindTextIfChanged(insert, column + 5, e.Type, _nativeStrings.Get(e.Type));
        BindTextIfChanged(insert, column + 7, runId, runText);
        BindInt64IfChanged(insert, column + 9, e.Metadata.CausationId);
    }

    private void BindInt64IfChanged(InsertStatement insert, int index, long value)
    {
        if (insert.Holds(index, value))
        {
            return;
        }

        var rc = SqliteNativeBinds.BindInt64(insert.Handle, index, value);
        if (rc != raw.SQLITE_OK)
        {
            throw BindFailure(insert, rc);
        }

        insert.Remember(index, value);
    }

    private unsafe void BindTextIfChanged(InsertStatement insert, int index, string value, NativeUtf8Cache.Entry text)
    {
        if (text.Pointer is null)
        {
            // Not cached (thousands of distinct strings): SQLite copies it, and the slot's content is unknown.
            insert.Forget(index);
            var transient = raw.sqlite3_bind_text(insert.Statement, index, value);
            if (transient != raw.SQLITE_OK)
            {
                throw BindFailure(insert, transient);
            }

            return;
        }

        if (insert.Holds(index, (long)text.Pointer))
        {
            return;
        }

        var rc = SqliteNativeBinds.BindStaticText(insert.Handle, index, text.Pointer, text.Length);
        if (rc != raw.SQLITE_OK)
        {
            throw BindFailure(insert, rc);
        }

        insert.Remember(index, (long)text.Pointer);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private IOException BindFailure(InsertStatement insert, int rc)
    {
        insert.ForgetAll();
        return Failure("bind an event", rc);
    }

    private long ReadStreamVersion(string stream, out long id)
    {
        raw.sqlite3_bind_text(_streamVersion, 1, stream);
        try
        {
            var rc = raw.sqlite3_step(_streamVersion);
            if (rc == raw.SQLITE_ROW)
            {
                id = raw.sqlite3_column_int64(_streamVersion, 0);
                return raw.sqlite3_column_int64(_streamVersion, 1);
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure("read a stream version", rc);
            }

            id = -1;
            return -1;
        }
        finally
        {
            raw.sqlite3_reset(_streamVersion);
        }
    }

    private long InsertStream(string name)
    {
        raw.sqlite3_bind_text(_insertStream, 1, name);
        Step(_insertStream);
        // Not cached here: the transaction may still roll back and the id be reused for another name.
        return raw.sqlite3_last_insert_rowid(_db);
    }

    private string StreamName(long streamId)
    {
        if (_streamNames.TryGetValue(streamId, out var name))
        {
            return name;
        }

        raw.sqlite3_bind_int64(_streamName, 1, streamId);
        try
        {
            var rc = raw.sqlite3_step(_streamName);
            name = rc == raw.SQLITE_ROW
                ? raw.sqlite3_column_text(_streamName, 0).utf8_to_string()
                : throw (rc == raw.SQLITE_DONE
                    ? new InvalidDataException($"{Path}: event refers to stream id {streamId}, which does not exist.")
                    : Failure("read a stream name", rc));
        }
        finally
        {
            raw.sqlite3_reset(_streamName);
        }

        _streamNames[streamId] = name;
        return name;
    }

    private long ScalarLong(sqlite3_stmt stmt)
    {
        try
        {
            var rc = raw.sqlite3_step(stmt);
            if (rc != raw.SQLITE_ROW)
            {
                throw Failure("query", rc);
            }

            return raw.sqlite3_column_int64(stmt, 0);
        }
        finally
        {
            raw.sqlite3_reset(stmt);
        }
    }

    private void Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw Failure("write", rc);
        }
    }

    private static void ThrowDuplicateId(EventBatch batch, int index) =>
        throw new InvalidOperationException(
            $"Append to '{batch.Stream(batch.StreamOf(index))}': event id {batch.Event(index).EventId} is already stored "
            + "(or repeated in the batch); event ids must be unique. Nothing was written.");

    private IOException Failure(string what, int rc) =>
        new($"{Path}: SQLite failed to {what}: {raw.sqlite3_errmsg(_db).utf8_to_string()} (code {rc}).");

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidDataException(
                $"{Path}: cannot prepare '{sql}': {raw.sqlite3_errmsg(_db).utf8_to_string()} (code {rc}).");
        }

        return stmt;
    }

    private void EnsureSchema()
    {
        // Only takes effect for a new file (before its first write, which switching to WAL is); an existing store
        // keeps its page size. 16 KiB pages quarter the WAL frame writes, checkpoint copies and page splits per
        // appended event: the journal writer's CPU per decision in a replay fell ~18% against 4 KiB (docs/perf/writerperf.md).
        Execute("PRAGMA page_size=" + PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var journalMode = QueryText("PRAGMA journal_mode=WAL");
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{Path}: cannot switch the database to WAL mode (got '{journalMode}').");
        }

        Execute("PRAGMA synchronous=NORMAL");

        // SQLite's default is 1,000 pages: 16 MB of WAL with 16 KiB pages. Checkpointing at 4 MB keeps the WAL (and
        // the number of checkpoint fsyncs per MB appended) where 4 KiB pages had it, and measured less writer CPU per
        // decision than 16 MB (~875 vs ~985 ns; 1-2 MB a little less again, at 2-4x the fsyncs: docs/perf/writerperf.md).
        var pageSize = int.TryParse(QueryText("PRAGMA page_size"), out var size) && size > 0 ? size : PageSize;
        Execute("PRAGMA wal_autocheckpoint=" + (WalBytesPerCheckpoint / pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tables = QueryTexts("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");

        if (tables.Count == 0)
        {
            CreateSchema();
            return;
        }

        if (!tables.Contains("ict_meta"))
        {
            throw new InvalidDataException(
                $"{Path}: this SQLite database is not an IctEngine event store (it has tables {string.Join(", ", tables.Take(5))}).");
        }

        var format = QueryText("SELECT value FROM ict_meta WHERE key = 'format'");
        var schema = QueryText("SELECT value FROM ict_meta WHERE key = 'schema'");
        if (format != FormatName)
        {
            throw new InvalidDataException($"{Path}: not an IctEngine event store (format '{format}').");
        }

        if (!int.TryParse(schema, out var version) || version > SchemaVersion || version < 1)
        {
            throw new InvalidDataException(
                $"{Path}: event store schema version '{schema}' is not supported by this build (it reads up to {SchemaVersion}).");
        }

        if (version == 1)
        {
            MigrateFromSchema1();
        }
    }

    private void CreateSchema()
    {
        var statements = new List<string>
        {
            "BEGIN IMMEDIATE",
            "CREATE TABLE ict_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE ict_streams(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL)",
            EventsTable,
            EventsView,
        };
        statements.AddRange(IndexTables);
        statements.Add($"INSERT INTO ict_meta(key, value) VALUES('format', '{FormatName}'), ('schema', '{SchemaVersion}')");
        foreach (var sql in statements)
        {
            Execute(sql);
        }

        Execute("COMMIT");
    }

    /// <summary>
    /// Schema 1 → 2, in one transaction (a crash leaves schema 1): the events are copied into <c>ict_event_rows</c>,
    /// which has no unique (stream, version) constraint (SQLite cannot drop a table constraint's index), the old table
    /// goes with its run and event-id indexes and becomes a view, and one pass over the events in position order
    /// builds the segments and id ranges that replace the indexes. Seconds per million events, once.
    /// </summary>
    private void MigrateFromSchema1()
    {
        Execute("BEGIN IMMEDIATE");
        try
        {
            if (QueryText("SELECT value FROM ict_meta WHERE key = 'schema'") == "1")
            {
                MigrateEventsFromSchema1();
            }

            // Otherwise another process migrated it while this one waited for the write lock.
            Execute("COMMIT");
        }
        catch
        {
            raw.sqlite3_exec(_db, "ROLLBACK");
            throw;
        }
    }

    private void MigrateEventsFromSchema1()
    {
        Logger.Information("Migrating SQLite event store {Path} from schema 1 to {Schema}", Path, SchemaVersion);
        Execute(EventsTable);
        Execute("INSERT INTO ict_event_rows SELECT " + EventColumns + " FROM ict_events ORDER BY position");
        Execute("DROP TABLE ict_events");
        Execute(EventsView);
        foreach (var sql in IndexTables)
        {
            Execute(sql);
        }

        new SqliteStoreIndexer(_db, Path).IndexAllEvents();
        Execute($"UPDATE ict_meta SET value = '{SchemaVersion}' WHERE key = 'schema'");
    }

    private static string InsertEvents(int rows)
    {
        var sql = new System.Text.StringBuilder(
            "INSERT INTO ict_event_rows(" + EventColumns + ") VALUES");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 1; c <= ColumnsPerRow; c++)
            {
                // The position is SQLite's next rowid (see BindRow); its parameter number stays reserved, unbound.
                if (c == 1)
                {
                    sql.Append("NULL");
                    continue;
                }

                sql.Append(", ?").Append((r * ColumnsPerRow) + c);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private const string EventColumns = "position, stream_id, version, event_id, type, payload, run_id, correlation_id, causation_id, time_ns";

    private const string EventsTable =
        "CREATE TABLE ict_event_rows(position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES ict_streams(id), "
        + "version INTEGER NOT NULL, event_id BLOB NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL, "
        + "run_id TEXT NOT NULL, correlation_id INTEGER NOT NULL, causation_id INTEGER NOT NULL, time_ns INTEGER NOT NULL)";

    // Schema 1's table name becomes a read-only view: ad-hoc SQL keeps working, and a schema 1 build still running
    // against a migrated file fails on its next insert instead of writing events the segments do not cover.
    private const string EventsView = "CREATE VIEW ict_events AS SELECT " + EventColumns + " FROM ict_event_rows";

    private static readonly string[] IndexTables =
    [
        "CREATE TABLE ict_stream_segments(stream_id INTEGER NOT NULL, first_version INTEGER NOT NULL, last_version INTEGER NOT NULL, "
        + "first_position INTEGER NOT NULL, last_position INTEGER NOT NULL, PRIMARY KEY(stream_id, last_version)) WITHOUT ROWID",
        "CREATE TABLE ict_run_segments(run_id TEXT NOT NULL, first_position INTEGER NOT NULL, last_position INTEGER NOT NULL, "
        + "PRIMARY KEY(run_id, last_position)) WITHOUT ROWID",
        "CREATE TABLE ict_event_ids(id_high INTEGER NOT NULL, id_low_first INTEGER NOT NULL, id_low_last INTEGER NOT NULL, "
        + "first_position INTEGER NOT NULL, PRIMARY KEY(id_high, id_low_last)) WITHOUT ROWID",
    ];

    private void Execute(string sql)
    {
        var rc = raw.sqlite3_exec(_db, sql);
        if (rc != raw.SQLITE_OK)
        {
            throw Failure("run '" + sql + "'", rc);
        }
    }

    private string? QueryText(string sql)
    {
        var texts = QueryTexts(sql);
        return texts.Count > 0 ? texts[0] : null;
    }

    private List<string> QueryTexts(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var stmt);
        using (stmt)
        {
            if (rc != raw.SQLITE_OK)
            {
                throw Failure("run '" + sql + "'", rc);
            }

            var result = new List<string>();
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
            {
                result.Add(raw.sqlite3_column_text(stmt, 0).utf8_to_string() ?? string.Empty);
            }

            return rc == raw.SQLITE_DONE ? result : throw Failure("run '" + sql + "'", rc);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>
    /// A prepared insert of events and what its parameters are known to hold: bindings persist across
    /// <c>sqlite3_reset</c>, so a parameter that already holds a value (the run id, a type, a stream id) is not
    /// bound again.
    /// </summary>
    private sealed class InsertStatement
    {
        private readonly long[] _bound;
        private readonly bool[] _known;

        public InsertStatement(sqlite3_stmt statement, int rows)
        {
            Statement = statement;
            Handle = SqliteNativeBinds.Handle(statement);
            _bound = new long[(rows * ColumnsPerRow) + 1];
            _known = new bool[_bound.Length];
        }

        public sqlite3_stmt Statement { get; }

        /// <summary>The native statement, valid until the store disposes <see cref="Statement"/>.</summary>
        public nint Handle { get; }

        public bool Holds(int index, long value) => _known[index] && _bound[index] == value;

        public void Remember(int index, long value)
        {
            _bound[index] = value;
            _known[index] = true;
        }

        public void Forget(int index) => _known[index] = false;

        public void ForgetAll() => Array.Clear(_known);
    }
}
