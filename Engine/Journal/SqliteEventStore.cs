using Microsoft.Data.Sqlite;
using Serilog;
using SQLitePCL;

namespace IctEngine.Journal;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends run in one <c>BEGIN IMMEDIATE</c> transaction
/// per batch (which also serializes writers of other processes sharing the file), through prepared statements
/// bound straight from spans with SQLitePCL, so a batch costs no per-event allocation. Positions are assigned as
/// last + 1 inside that transaction, so they are gapless and visible in order. <c>synchronous=NORMAL</c>: a
/// committed batch survives the process being killed (not necessarily a power cut; see docs/EVENT-STORE.md).
/// </summary>
public sealed class SqliteEventStore : IEventStore
{
    internal const string FormatName = "ict-event-store";
    internal const int SchemaVersion = 1;

    private const string SelectColumns =
        "SELECT stream_id, version, position, event_id, type, payload, run_id, correlation_id, causation_id, time_ns FROM ict_events ";

    private static readonly ILogger Logger = Log.ForContext<SqliteEventStore>();

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly AppendNotifier _notifier = new();
    private readonly Dictionary<long, string> _streamNames = [];
    private readonly Utf8StringCache _strings = new();
    private readonly Utf8BytesCache _typeUtf8 = new();
    private readonly Utf8BytesCache _runUtf8 = new();
    private readonly sqlite3_stmt _insertEvent;
    private readonly sqlite3_stmt _findEventId;
    private readonly sqlite3_stmt _streamVersion;
    private readonly sqlite3_stmt _insertStream;
    private readonly sqlite3_stmt _updateStream;
    private readonly sqlite3_stmt _lastPosition;
    private readonly sqlite3_stmt _readForwards;
    private readonly sqlite3_stmt _readBackwards;
    private readonly sqlite3_stmt _readAll;
    private readonly sqlite3_stmt _readAllRun;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly long[] _versionScratch = new long[64];
    private readonly long[] _streamIdScratch = new long[64];
    private bool _disposed;

    /// <summary>Opens (creating when missing) the store at <paramref name="path"/>.</summary>
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

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,

            // The store creates a stream's row in the same transaction as its first event, so the per-row foreign
            // key lookup (on by default in the bundled SQLite) only costs time.
            ForeignKeys = false,
        }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA busy_timeout=10000;");
            EnsureSchema();
            _db = _connection.Handle!;
            _insertEvent = Prepare(
                "INSERT INTO ict_events(position, stream_id, version, event_id, type, payload, run_id, correlation_id, causation_id, time_ns) "
                + "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
            _findEventId = Prepare("SELECT stream_id, version, position FROM ict_events WHERE event_id = ?1");
            _streamVersion = Prepare("SELECT id, version FROM ict_streams WHERE name = ?1");
            _insertStream = Prepare("INSERT INTO ict_streams(name, version) VALUES(?1, -1)");
            _updateStream = Prepare("UPDATE ict_streams SET version = ?2 WHERE id = ?1");
            _lastPosition = Prepare("SELECT COALESCE(MAX(position), 0) FROM ict_events");
            _readForwards = Prepare(SelectColumns + "WHERE stream_id = ?1 AND version >= ?2 ORDER BY version LIMIT ?3");
            _readBackwards = Prepare(SelectColumns + "WHERE stream_id = ?1 AND version <= ?2 ORDER BY version DESC LIMIT ?3");
            _readAll = Prepare(SelectColumns + "WHERE position >= ?1 ORDER BY position LIMIT ?2");
            _readAllRun = Prepare(SelectColumns + "WHERE run_id = ?3 AND position >= ?1 ORDER BY position LIMIT ?2");
            _begin = Prepare("BEGIN IMMEDIATE");
            _commit = Prepare("COMMIT");
            _rollback = Prepare("ROLLBACK");
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new InvalidDataException($"{Path}: cannot open as an IctEngine event store: {e.Message}", e);
        }
        catch
        {
            _connection.Dispose();
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
                Span<byte> idBytes = stackalloc byte[16];
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var e = ref batch.Event(i);
                    var s = batch.StreamOf(i);
                    versions[s]++;
                    position++;
                    e.EventId.TryWriteBytes(idBytes, bigEndian: true, out _);
                    raw.sqlite3_bind_int64(_insertEvent, 1, position);
                    raw.sqlite3_bind_int64(_insertEvent, 2, ids[s]);
                    raw.sqlite3_bind_int64(_insertEvent, 3, versions[s]);
                    raw.sqlite3_bind_blob(_insertEvent, 4, idBytes);
                    raw.sqlite3_bind_text(_insertEvent, 5, _typeUtf8.Get(e.Type));
                    raw.sqlite3_bind_blob(_insertEvent, 6, e.Payload.Span);
                    raw.sqlite3_bind_text(_insertEvent, 7, _runUtf8.Get(e.Metadata.RunId ?? string.Empty));
                    raw.sqlite3_bind_int64(_insertEvent, 8, e.Metadata.CorrelationId);
                    raw.sqlite3_bind_int64(_insertEvent, 9, e.Metadata.CausationId);
                    raw.sqlite3_bind_int64(_insertEvent, 10, e.TimeNs);
                    var rc = raw.sqlite3_step(_insertEvent);
                    raw.sqlite3_reset(_insertEvent);
                    if (rc != raw.SQLITE_DONE)
                    {
                        ThrowInsertFailed(batch, i, rc);
                    }
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
            var stmt = runId is null ? _readAll : _readAllRun;
            raw.sqlite3_bind_int64(stmt, 1, Math.Max(1, fromPosition));
            raw.sqlite3_bind_int64(stmt, 2, Math.Max(0, maxCount));
            if (runId is not null)
            {
                raw.sqlite3_bind_text(stmt, 3, runId);
            }

            return ReadRows(stmt, maxCount);
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
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT name, version FROM ict_streams WHERE version >= 0 AND substr(name, 1, length($p)) = $p ORDER BY name";
            command.Parameters.AddWithValue("$p", prefix ?? string.Empty);
            using var reader = command.ExecuteReader();
            var result = new List<StreamInfo>();
            while (reader.Read())
            {
                result.Add(new StreamInfo(reader.GetString(0), reader.GetInt64(1)));
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
                         _insertEvent, _findEventId, _streamVersion, _insertStream, _updateStream, _lastPosition,
                         _readForwards, _readBackwards, _readAll, _readAllRun, _begin, _commit, _rollback,
                     })
            {
                stmt?.Dispose();
            }

            _connection.Dispose();
        }
    }

    private IReadOnlyList<RecordedEvent> ReadStream(string stream, long version, int maxCount, bool forwards)
    {
        lock (_gate)
        {
            ThrowIfDisposed();
            if (ReadStreamVersion(stream, out var id) < 0)
            {
                return [];
            }

            var stmt = forwards ? _readForwards : _readBackwards;
            raw.sqlite3_bind_int64(stmt, 1, id);
            raw.sqlite3_bind_int64(stmt, 2, version);
            raw.sqlite3_bind_int64(stmt, 3, Math.Max(0, maxCount));
            return ReadRows(stmt, maxCount);
        }
    }

    private List<RecordedEvent> ReadRows(sqlite3_stmt stmt, int maxCount)
    {
        var result = new List<RecordedEvent>(Math.Clamp(maxCount, 0, 4096));
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

        return result;
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
        Span<byte> idBytes = stackalloc byte[16];
        eventId.TryWriteBytes(idBytes, bigEndian: true, out _);
        raw.sqlite3_bind_blob(_findEventId, 1, idBytes);
        try
        {
            var rc = raw.sqlite3_step(_findEventId);
            if (rc == raw.SQLITE_ROW)
            {
                streamId = raw.sqlite3_column_int64(_findEventId, 0);
                version = raw.sqlite3_column_int64(_findEventId, 1);
                position = raw.sqlite3_column_int64(_findEventId, 2);
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Failure("look up an event id", rc);
            }

            streamId = version = position = 0;
            return false;
        }
        finally
        {
            raw.sqlite3_reset(_findEventId);
        }
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

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT name FROM ict_streams WHERE id = $id";
        command.Parameters.AddWithValue("$id", streamId);
        name = command.ExecuteScalar() as string
            ?? throw new InvalidDataException($"{Path}: event refers to stream id {streamId}, which does not exist.");
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

    private void ThrowInsertFailed(EventBatch batch, int index, int rc)
    {
        if (rc == raw.SQLITE_CONSTRAINT)
        {
            throw new InvalidOperationException(
                $"Append to '{batch.Stream(batch.StreamOf(index))}': event id {batch.Event(index).EventId} is already stored "
                + "(or repeated in the batch); event ids must be unique. Nothing was written.");
        }

        throw Failure("append", rc);
    }

    private IOException Failure(string what, int rc) =>
        new($"{Path}: SQLite failed to {what}: {raw.sqlite3_errmsg(_db).utf8_to_string()} (code {rc}).");

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_connection.Handle!, sql, out var stmt);
        if (rc != raw.SQLITE_OK)
        {
            throw new InvalidDataException(
                $"{Path}: cannot prepare '{sql}': {raw.sqlite3_errmsg(_connection.Handle!).utf8_to_string()} (code {rc}).");
        }

        return stmt;
    }

    private void EnsureSchema()
    {
        var journalMode = ExecuteScalar("PRAGMA journal_mode=WAL;") as string;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{Path}: cannot switch the database to WAL mode (got '{journalMode}').");
        }

        Execute("PRAGMA synchronous=NORMAL;");
        var tables = new List<string>();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

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

        var format = ExecuteScalar("SELECT value FROM ict_meta WHERE key = 'format'") as string;
        var schema = ExecuteScalar("SELECT value FROM ict_meta WHERE key = 'schema'") as string;
        if (format != FormatName)
        {
            throw new InvalidDataException($"{Path}: not an IctEngine event store (format '{format}').");
        }

        if (!int.TryParse(schema, out var version) || version > SchemaVersion || version < 1)
        {
            throw new InvalidDataException(
                $"{Path}: event store schema version '{schema}' is not supported by this build (it reads up to {SchemaVersion}).");
        }
    }

    private void CreateSchema()
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var sql in new[]
                 {
                     "CREATE TABLE ict_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                     "CREATE TABLE ict_streams(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL)",
                     "CREATE TABLE ict_events(position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES ict_streams(id), "
                     + "version INTEGER NOT NULL, event_id BLOB NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL, "
                     + "run_id TEXT NOT NULL, correlation_id INTEGER NOT NULL, causation_id INTEGER NOT NULL, time_ns INTEGER NOT NULL, "
                     + "UNIQUE(stream_id, version))",
                     "CREATE UNIQUE INDEX ict_events_event_id ON ict_events(event_id)",
                     "CREATE INDEX ict_events_run ON ict_events(run_id, position)",
                     $"INSERT INTO ict_meta(key, value) VALUES('format', '{FormatName}'), ('schema', '{SchemaVersion}')",
                 })
        {
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? ExecuteScalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
