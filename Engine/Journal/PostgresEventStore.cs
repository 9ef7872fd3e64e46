using Npgsql;
using Serilog;

namespace IctEngine.Journal;

/// <summary>
/// The shared event store on PostgreSQL (several engines and analysts on one database). An append is one
/// transaction: it first reserves a block of positions from the sequence <c>ict_position_seq</c> together with its
/// transaction id (<c>ict_reserve</c>: a few microseconds under an advisory lock, so transaction ids and positions
/// are handed out in the same order), then checks expected versions, writes the events with binary <c>COPY</c>
/// (rows encoded by <see cref="PgCopyRowWriter"/>, each carrying its transaction id) and moves the stream versions.
/// Appends on different streams run in parallel; positions may have gaps (rolled-back appends). The unique
/// (stream_id, version) constraint backs the version check: a violation (SQLSTATE 23505) is reported as
/// <see cref="WrongExpectedVersionException"/>. Reads of all events return only rows whose transaction is older
/// than every transaction still running (<c>tx &lt; pg_snapshot_xmin(pg_current_snapshot())</c>), which is a prefix
/// of the positions that no later commit can extend below, so a subscriber that reads "position ≥ checkpoint" never
/// skips an event committed late by a concurrent writer (see docs/EVENT-STORE.md).
/// Tables live in the first schema of the connection's search path.
/// </summary>
public sealed class PostgresEventStore : IEventStore
{
    /// <summary>
    /// The PostgreSQL schema version this build writes (1: single counter row; 2: sequence and transaction ids;
    /// 3: each event's fields in one <c>record</c> column, <see cref="PgEventRecord"/>).
    /// </summary>
    internal const int SchemaVersion = 3;

    /// <summary>Reads select the one column that holds every field (each selected column costs server and client time per row).</summary>
    private const string SelectColumns = "SELECT record FROM ict_events ";

    private const string EventsTable =
        "ict_events(position bigint PRIMARY KEY, stream_id bigint NOT NULL, version bigint NOT NULL, event_id uuid NOT NULL, "
        + "run_id text COLLATE \"C\" NOT NULL, tx xid8 NOT NULL, record bytea NOT NULL, "
        + "CONSTRAINT ict_events_stream_version UNIQUE (stream_id, version), CONSTRAINT ict_events_event_id UNIQUE (event_id))";

    /// <summary>Rows of transactions older than every running one: no commit still to come can add a position among them.</summary>
    private const string Settled = "tx < (SELECT pg_snapshot_xmin(pg_current_snapshot()))";

    /// <summary>
    /// A run's events: a scan of the position index between the first and the last event of the streams that hold
    /// the run's events (<c>ict_stream_runs</c>; each bound is one lookup per stream in the (stream, version) index),
    /// keeping the run's rows. GREATEST ignores the NULL of an unknown run, whose upper bound NULL then matches nothing.
    /// </summary>
    private const string RunRange =
        "WHERE position >= GREATEST(@p, (SELECT min(f.position) FROM ict_stream_runs r CROSS JOIN LATERAL "
        + "(SELECT e.position FROM ict_events e WHERE e.stream_id = r.stream_id ORDER BY e.version LIMIT 1) f WHERE r.run_id = @run)) "
        + "AND position <= (SELECT max(l.position) FROM ict_stream_runs r CROSS JOIN LATERAL "
        + "(SELECT e.position FROM ict_events e WHERE e.stream_id = r.stream_id ORDER BY e.version DESC LIMIT 1) l WHERE r.run_id = @run) "
        + "AND run_id = @run";

    private const string CopyCommand =
        "COPY ict_events (position, stream_id, version, event_id, run_id, tx, record) "
        + "FROM STDIN (FORMAT BINARY)";

    private const long SchemaLockKey = 0x1C7E_5704_E000_0001;
    private const long ReserveLockKey = 0x1C7E_5704_E000_0002;

    // Session-level lock held only inside the function: the transaction id is assigned and the positions are taken
    // in one critical section, so a later transaction id always has higher positions. The handler releases the lock
    // when anything in between fails (a session lock would otherwise outlive the aborted transaction).
    private static readonly string ReserveFunction = $$"""
        CREATE FUNCTION ict_reserve(n bigint, OUT tx xid8, OUT last bigint) LANGUAGE plpgsql AS $f$
        BEGIN
          PERFORM pg_advisory_lock({{ReserveLockKey}});
          BEGIN
            tx := pg_current_xact_id();
            last := setval('ict_position_seq', nextval('ict_position_seq') + n - 1);
          EXCEPTION WHEN OTHERS OR query_canceled THEN
            PERFORM pg_advisory_unlock({{ReserveLockKey}});
            RAISE;
          END;
          PERFORM pg_advisory_unlock({{ReserveLockKey}});
        END $f$
        """;
    private const string NotifyChannel = "ict_events";

    private static readonly ILogger Logger = Log.ForContext<PostgresEventStore>();

    private readonly Lock _gate = new();
    private readonly NpgsqlConnection _connection;
    private readonly AppendNotifier _notifier = new();
    private readonly Dictionary<long, string> _streamNames = [];
    private readonly string _connectionString;
    private readonly PgCopyRowWriter _copy = new();
    private readonly Utf8BytesCache _typeUtf8 = new();
    private readonly Utf8BytesCache _runUtf8 = new();
    private readonly Utf8StringCache _types = new();
    private readonly Utf8StringCache _runs = new();
    private byte[] _record = new byte[4096];
    private CommitListener? _listener;
    private bool _disposed;

    /// <summary>Connects and creates the tables when they do not exist.</summary>
    /// <exception cref="InvalidDataException">The database holds tables that are not an IctEngine event store of a supported version.</exception>
    public PostgresEventStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"postgres:Host={builder.Host};Port={builder.Port};Database={builder.Database ?? builder.Username}"
            + (string.IsNullOrEmpty(builder.SearchPath) ? string.Empty : $";Search Path={builder.SearchPath}");
        _connectionString = connectionString;

        // Every read of the store is "an index range in index order, LIMIT n". Without statistics (a new store,
        // before autovacuum's first ANALYZE) and with bounds only known at execution (RunRange), the planner chose a
        // sequential or bitmap scan of the whole range plus a sort for every page (reads of a fresh store ran at a
        // fifth of the speed); without those two it walks the index in order and stops at the page's end. Tables
        // without a usable index (ict_streams for ListStreams) are still scanned sequentially.
        builder.Options = (builder.Options + " -c enable_bitmapscan=off -c enable_seqscan=off").Trim();
        _connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            _connection.Open();
            EnsureSchema();
        }
        catch (PostgresException e)
        {
            _connection.Dispose();
            throw new InvalidDataException($"{Description}: cannot open as an IctEngine event store: {e.MessageText} (SQLSTATE {e.SqlState}).", e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }

        Logger.Debug("Opened PostgreSQL event store {Store}", Description);
    }

    public string Description { get; }

    /// <summary>The server process of the store's connection (tests use it to simulate a dropped connection).</summary>
    internal int BackendProcessId => _connection.ProcessID;

    public void Append(EventBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            EnsureUsable();
            batch.ResetResults();
            if (batch.Count == 0)
            {
                for (var s = 0; s < batch.StreamCount; s++)
                {
                    batch.SetNextVersion(s, ReadStreamVersion(batch.Stream(s)));
                }

                return;
            }

            var streams = batch.StreamCount;
            var ids = new long[streams];
            var versions = new long[streams];
            using var transaction = _connection.BeginTransaction();
            var lastPosition = Prepare(transaction, batch, ids, versions, out var transactionId, out var firstEventStored);
            if (firstEventStored)
            {
                transaction.Rollback();
                CompleteAsRetry(batch);
                return;
            }

            for (var s = 0; s < streams; s++)
            {
                if (!batch.Expected(s).IsSatisfiedBy(versions[s]))
                {
                    transaction.Rollback();
                    throw new WrongExpectedVersionException(batch.Stream(s), batch.Expected(s), versions[s]);
                }
            }

            var position = lastPosition - batch.Count;
            try
            {
                _copy.Start();
                for (var i = 0; i < batch.Count; i++)
                {
                    ref readonly var e = ref batch.Event(i);
                    var s = batch.StreamOf(i);
                    versions[s]++;
                    position++;
                    _copy.Row(position, ids[s], versions[s], e, _typeUtf8.Get(e.Type), _runUtf8.Get(e.Metadata.RunId ?? string.Empty), transactionId);
                }

                _copy.Finish();
                using (var copy = _connection.BeginRawBinaryCopy(CopyCommand))
                {
                    copy.Write(_copy.Written);
                }

                transaction.Commit();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                SafeRollback(transaction);
                if (e.ConstraintName?.Contains("event_id", StringComparison.Ordinal) == true)
                {
                    throw new InvalidOperationException(
                        "Append: an event id of the batch is already stored (or repeated in the batch); event ids must be unique. Nothing was written.", e);
                }

                throw new WrongExpectedVersionException(batch.Stream(0), batch.Expected(0), -1, e);
            }

            for (var s = 0; s < streams; s++)
            {
                batch.SetNextVersion(s, versions[s]);
            }

            batch.LastPosition = lastPosition;
        }

        _notifier.Notify();
    }

    public long GetStreamVersion(string stream)
    {
        lock (_gate)
        {
            EnsureUsable();
            return ReadStreamVersion(stream);
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
            EnsureUsable();
            using var command = new NpgsqlCommand(
                SelectColumns + (runId is null ? "WHERE position >= @p" : RunRange) + " AND " + Settled + " ORDER BY position LIMIT @n",
                _connection);
            command.Parameters.AddWithValue("p", Math.Max(1, fromPosition));
            command.Parameters.AddWithValue("n", Math.Max(0, maxCount));
            if (runId is not null)
            {
                command.Parameters.AddWithValue("run", runId);
            }

            return ReadRows(command, maxCount);
        }
    }

    public long GetLastPosition()
    {
        lock (_gate)
        {
            EnsureUsable();
            using var command = new NpgsqlCommand("SELECT COALESCE(MAX(position), 0) FROM ict_events WHERE " + Settled, _connection);
            return (long)command.ExecuteScalar()!;
        }
    }

    public IReadOnlyList<StreamInfo> ListStreams(string? prefix = null)
    {
        lock (_gate)
        {
            EnsureUsable();
            using var command = new NpgsqlCommand(
                "SELECT name, version FROM ict_streams WHERE version >= 0 AND starts_with(name, @p) ORDER BY name COLLATE \"C\"", _connection);
            command.Parameters.AddWithValue("p", prefix ?? string.Empty);
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            _listener ??= new CommitListener(_connectionString, _notifier);
        }

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
            _listener?.Dispose();
            _connection.Dispose();
        }
    }

    /// <summary>
    /// One round trip that reserves the batch's positions and transaction id (<c>ict_reserve</c>), checks whether the first event is already stored,
    /// creates missing streams and moves every stream's version by its event count, returning the version each
    /// stream had before (what the expected versions are checked against).
    /// </summary>
    private long Prepare(
        NpgsqlTransaction transaction, EventBatch batch, long[] ids, long[] previousVersions, out ulong transactionId, out bool firstEventStored)
    {
        var names = new string[batch.StreamCount];
        var counts = new long[batch.StreamCount];
        for (var s = 0; s < names.Length; s++)
        {
            names[s] = batch.Stream(s);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            counts[batch.StreamOf(i)]++;
        }

        using var prelude = new NpgsqlBatch(_connection, transaction);
        // First: the transaction must get its id inside ict_reserve (no statement before it may write).
        var reserve = new NpgsqlBatchCommand("SELECT tx::text::bigint, last FROM ict_reserve($1)");
        reserve.Parameters.Add(new NpgsqlParameter<long> { TypedValue = batch.Count });
        var first = new NpgsqlBatchCommand("SELECT EXISTS (SELECT 1 FROM ict_events WHERE event_id = $1)");
        first.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = batch.Event(0).EventId });
        var create = new NpgsqlBatchCommand(
            "INSERT INTO ict_streams(name, version) SELECT n, -1 FROM unnest($1::text[]) AS n ON CONFLICT (name) DO NOTHING");
        create.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        var move = new NpgsqlBatchCommand(
            "UPDATE ict_streams AS s SET version = s.version + c.n FROM unnest($1::text[], $2::bigint[]) AS c(name, n) "
            + "WHERE s.name = c.name RETURNING s.id, s.name, s.version - c.n");
        move.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
        move.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = counts });
        prelude.BatchCommands.Add(reserve);
        prelude.BatchCommands.Add(first);
        prelude.BatchCommands.Add(create);
        prelude.BatchCommands.Add(move);
        prelude.BatchCommands.Add(RecordRuns(batch, names));

        // Delivered at commit only: wakes subscribers in other processes (see CommitListener).
        prelude.BatchCommands.Add(new NpgsqlBatchCommand($"NOTIFY {NotifyChannel}"));

        // Prepared once per connection (Npgsql recognises the same SQL): no parse and plan per append.
        prelude.Prepare();

        using var reader = prelude.ExecuteReader();
        reader.Read();
        transactionId = (ulong)reader.GetInt64(0);
        var lastPosition = reader.GetInt64(1);
        reader.NextResult();
        reader.Read();
        firstEventStored = reader.GetBoolean(0);
        reader.NextResult();
        while (reader.Read())
        {
            var index = Array.IndexOf(names, reader.GetString(1));
            ids[index] = reader.GetInt64(0);
            previousVersions[index] = reader.GetInt64(2);
        }

        return lastPosition;
    }

    /// <summary>
    /// Records which streams hold events of which runs (<c>ict_stream_runs</c>), what <see cref="ReadAll"/> with a run id
    /// uses instead of an index over every event's run id (that index cost about a fifth of the append rate).
    /// </summary>
    private static NpgsqlBatchCommand RecordRuns(EventBatch batch, string[] names)
    {
        var runs = new List<string>();
        var streams = new List<string>();
        string? lastRun = null;
        var lastStream = -1;
        for (var i = 0; i < batch.Count; i++)
        {
            var run = batch.Event(i).Metadata.RunId ?? string.Empty;
            var stream = batch.StreamOf(i);
            if (stream == lastStream && run == lastRun)
            {
                continue;
            }

            lastRun = run;
            lastStream = stream;
            var known = false;
            for (var k = 0; k < runs.Count && !known; k++)
            {
                known = runs[k] == run && streams[k] == names[stream];
            }

            if (!known)
            {
                runs.Add(run);
                streams.Add(names[stream]);
            }
        }

        var command = new NpgsqlBatchCommand(
            "INSERT INTO ict_stream_runs(run_id, stream_id) SELECT p.run, s.id FROM unnest($1::text[], $2::text[]) AS p(run, name) "
            + "JOIN ict_streams s ON s.name = p.name ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. runs] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. streams] });
        return command;
    }

    /// <summary>The first event is stored: a no-op if the whole batch is, in the same streams; otherwise an error.</summary>
    private void CompleteAsRetry(EventBatch batch)
    {
        var eventIds = new Guid[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            eventIds[i] = batch.Event(i).EventId;
        }

        var found = new Dictionary<Guid, (string Stream, long Version, long Position)>();
        using (var all = new NpgsqlCommand(
                   "SELECT e.event_id, s.name, e.version, e.position FROM ict_events e JOIN ict_streams s ON s.id = e.stream_id WHERE e.event_id = ANY(@ids)",
                   _connection))
        {
            all.Parameters.AddWithValue("ids", eventIds);
            using var reader = all.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetGuid(0)] = (reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }

        long lastPosition = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var s = batch.StreamOf(i);
            if (!found.TryGetValue(eventIds[i], out var stored) || stored.Stream != batch.Stream(s))
            {
                batch.ResetResults();
                throw new InvalidOperationException(
                    $"Append to '{batch.Stream(s)}': event {eventIds[0]} is already stored but event {eventIds[i]} is not "
                    + "(or is in another stream); a retry must repeat the same events. Nothing was written.");
            }

            batch.SetNextVersion(s, Math.Max(batch.NextExpectedVersion(s), stored.Version));
            lastPosition = Math.Max(lastPosition, stored.Position);
        }

        batch.LastPosition = lastPosition;
        batch.WasIdempotentRetry = true;
    }

    private long ReadStreamVersion(string stream)
    {
        using var command = new NpgsqlCommand("SELECT version FROM ict_streams WHERE name = @n", _connection);
        command.Parameters.AddWithValue("n", stream);
        return command.ExecuteScalar() is long version ? version : -1;
    }

    private List<RecordedEvent> ReadStream(string stream, long version, int maxCount, bool forwards)
    {
        lock (_gate)
        {
            EnsureUsable();
            using var command = new NpgsqlCommand(
                SelectColumns + "WHERE stream_id = (SELECT id FROM ict_streams WHERE name = @s) AND "
                + (forwards ? "version >= @v ORDER BY version" : "version <= @v ORDER BY version DESC") + " LIMIT @n",
                _connection);
            command.Parameters.AddWithValue("s", stream);
            command.Parameters.AddWithValue("v", version);
            command.Parameters.AddWithValue("n", Math.Max(0, maxCount));
            return ReadRows(command, maxCount);
        }
    }

    /// <summary>
    /// Builds the events of a query that selects the <see cref="PgEventRecord"/> column: per row one
    /// <see cref="RecordedEvent"/> and its payload array. The record is read into a reused buffer; types and run ids
    /// are shared strings (<see cref="Utf8StringCache"/>), stream names come from the id → name map. One column per
    /// row instead of ten about halved the server's time per event and cut the client's (docs/perf/pgread.md); a binary
    /// <c>COPY … TO STDOUT</c> export cost more client time per row than the data reader (docs/perf/pgperf.md).
    /// </summary>
    private List<RecordedEvent> ReadRows(NpgsqlCommand command, int maxCount)
    {
        var result = new List<RecordedEvent>(Math.Clamp(maxCount, 0, 4096));
        List<(int Index, long StreamId)>? unnamed = null;
        // Sequential access: Npgsql hands out the column as it arrives instead of buffering the whole row first.
        using (var reader = command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess))
        {
            while (reader.Read())
            {
                var record = new PgEventRecordView(ReadRecord(reader));
                var streamId = record.StreamId;
                if (!_streamNames.TryGetValue(streamId, out var name))
                {
                    // Resolved after the reader closes: one connection runs one command at a time.
                    (unnamed ??= []).Add((result.Count, streamId));
                    name = string.Empty;
                }

                result.Add(new RecordedEvent(
                    name,
                    record.Version,
                    record.Position,
                    record.EventId,
                    _types.Get(record.TypeUtf8),
                    record.Payload.ToArray(),
                    new EventMetadata(_runs.Get(record.RunIdUtf8), record.CorrelationId, record.CausationId),
                    record.TimeNs));
            }
        }

        if (unnamed is not null)
        {
            foreach (var (index, streamId) in unnamed)
            {
                result[index] = result[index] with { Stream = StreamName(streamId) };
            }
        }

        return result;
    }

    private ReadOnlySpan<byte> ReadRecord(NpgsqlDataReader reader)
    {
        // Sequential access reads a column once, front to back: continue into a larger buffer when it fills.
        var length = 0;
        while (true)
        {
            length += (int)reader.GetBytes(0, length, _record, length, _record.Length - length);
            if (length < _record.Length)
            {
                return _record.AsSpan(0, length);
            }

            Array.Resize(ref _record, _record.Length * 2);
        }
    }

    private string StreamName(long streamId)
    {
        if (_streamNames.TryGetValue(streamId, out var name))
        {
            return name;
        }

        using var command = new NpgsqlCommand("SELECT name FROM ict_streams WHERE id = @id", _connection);
        command.Parameters.AddWithValue("id", streamId);
        name = command.ExecuteScalar() as string
            ?? throw new InvalidDataException($"{Description}: an event refers to stream id {streamId}, which does not exist.");
        _streamNames[streamId] = name;
        return name;
    }

    private void EnsureSchema()
    {
        using var transaction = _connection.BeginTransaction();
        Execute(transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})");
        var tables = new List<string>();
        using (var command = new NpgsqlCommand(
                   "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'ict\\_%' ORDER BY 1",
                   _connection, transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        if (tables.Count == 0)
        {
            foreach (var sql in new[]
                     {
                         "CREATE TABLE ict_meta(key text PRIMARY KEY, value text NOT NULL)",
                         "CREATE SEQUENCE ict_position_seq AS bigint",
                         "CREATE TABLE ict_streams(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, version bigint NOT NULL)",
                         "CREATE TABLE " + EventsTable,
                         "CREATE TABLE ict_stream_runs(run_id text COLLATE \"C\" NOT NULL, stream_id bigint NOT NULL, PRIMARY KEY (run_id, stream_id))",
                         ReserveFunction,
                         $"INSERT INTO ict_meta(key, value) VALUES ('format', '{SqliteEventStore.FormatName}'), ('schema', '{SchemaVersion}')",
                     })
            {
                Execute(transaction, sql);
            }

            transaction.Commit();
            return;
        }

        if (!tables.Contains("ict_meta"))
        {
            throw new InvalidDataException(
                $"{Description}: the schema has tables named ict_* ({string.Join(", ", tables)}) but is not an IctEngine event store.");
        }

        using (var command = new NpgsqlCommand("SELECT key, value FROM ict_meta WHERE key IN ('format', 'schema')", _connection, transaction))
        using (var reader = command.ExecuteReader())
        {
            var meta = new Dictionary<string, string>();
            while (reader.Read())
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }

            if (!meta.TryGetValue("format", out var format) || format != SqliteEventStore.FormatName)
            {
                throw new InvalidDataException($"{Description}: not an IctEngine event store (format '{format}').");
            }

            if (!meta.TryGetValue("schema", out var schema) || !int.TryParse(schema, out var version)
                || version < 1 || version > SchemaVersion)
            {
                throw new InvalidDataException(
                    $"{Description}: event store schema version '{schema}' is not supported by this build (it reads up to {SchemaVersion}).");
            }

            reader.Close();
            if (version == 1)
            {
                MigrateFromVersion1(transaction);
            }

            if (version <= 2)
            {
                MigrateFromVersion2(transaction);
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// Version 1 stores (single counter row <c>ict_position</c>) become version 2 in place (then 3, <see cref="MigrateFromVersion2"/>): the existing events get a
    /// transaction id below every real one, the sequence continues after the counter's last position, and the index
    /// over every event's run id gives way to <c>ict_stream_runs</c>, filled from the events (one scan: seconds per
    /// million events). Holds an exclusive lock on the events table meanwhile (no row is rewritten).
    /// </summary>
    private void MigrateFromVersion1(NpgsqlTransaction transaction)
    {
        Logger.Information("Migrating PostgreSQL event store {Store} from schema 1 to {Version}", Description, SchemaVersion);
        foreach (var sql in new[]
                 {
                     "ALTER TABLE ict_events ADD COLUMN tx xid8 NOT NULL DEFAULT '1'",
                     "ALTER TABLE ict_events ALTER COLUMN tx DROP DEFAULT",
                     "DROP INDEX ict_events_run",
                     "ALTER TABLE ict_events ALTER COLUMN run_id TYPE text COLLATE \"C\"",
                     "CREATE TABLE ict_stream_runs(run_id text COLLATE \"C\" NOT NULL, stream_id bigint NOT NULL, PRIMARY KEY (run_id, stream_id))",
                     "INSERT INTO ict_stream_runs SELECT DISTINCT run_id, stream_id FROM ict_events",
                     "CREATE SEQUENCE ict_position_seq AS bigint",
                     "SELECT setval('ict_position_seq', GREATEST(last, 1), last > 0) FROM ict_position",
                     "DROP TABLE ict_position",
                     ReserveFunction,
                     "UPDATE ict_meta SET value = '2' WHERE key = 'schema'",
                 })
        {
            Execute(transaction, sql);
        }
    }

    /// <summary>
    /// Version 2 stores (one column per field) become version 3: the events are copied into a new table whose
    /// <c>record</c> column is built in SQL from the old columns (<see cref="PgEventRecord.FromSchema2Columns"/>),
    /// in position order, and the indexes are built once afterwards (faster than maintaining them row by row). A full
    /// rewrite of the events table (about as long as appending them again), under the schema lock and an exclusive
    /// lock on the old table; it needs the table's size again in free disk space until it commits.
    /// </summary>
    private void MigrateFromVersion2(NpgsqlTransaction transaction)
    {
        Logger.Information("Migrating PostgreSQL event store {Store} from schema 2 to {Version}", Description, SchemaVersion);
        foreach (var sql in new[]
                 {
                     "LOCK TABLE ict_events IN ACCESS EXCLUSIVE MODE",
                     PgEventRecord.CreateVarintFunction,
                     "CREATE TABLE ict_events_v3(position bigint NOT NULL, stream_id bigint NOT NULL, version bigint NOT NULL, event_id uuid NOT NULL, "
                     + "run_id text COLLATE \"C\" NOT NULL, tx xid8 NOT NULL, record bytea NOT NULL)",
                     "INSERT INTO ict_events_v3 SELECT position, stream_id, version, event_id, run_id, tx, "
                     + PgEventRecord.FromSchema2Columns + " FROM ict_events ORDER BY position",
                     "DROP TABLE ict_events",
                     "ALTER TABLE ict_events_v3 RENAME TO ict_events",
                     "ALTER TABLE ict_events ADD PRIMARY KEY (position), ADD CONSTRAINT ict_events_stream_version UNIQUE (stream_id, version), "
                     + "ADD CONSTRAINT ict_events_event_id UNIQUE (event_id)",
                     "DROP FUNCTION pg_temp.ict_varint(bigint)",
                     $"UPDATE ict_meta SET value = '{SchemaVersion}' WHERE key = 'schema'",
                 })
        {
            Execute(transaction, sql);
        }
    }

    private void Execute(NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection, transaction);
        command.ExecuteNonQuery();
    }

    private static void SafeRollback(NpgsqlTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (NpgsqlException)
        {
            // The connection is already failed; the server rolls the transaction back.
        }
    }

    /// <summary>
    /// Throws when disposed; reopens the connection when a failure broke it (a server restart, a network cut), so
    /// that the journal writer's retries can succeed once the server is back.
    /// </summary>
    private void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection.FullState is System.Data.ConnectionState.Broken or System.Data.ConnectionState.Closed)
        {
            Logger.Warning("Reconnecting to {Store}", Description);
            _connection.Close();
            _connection.Open();
        }
    }

    /// <summary>
    /// Wakes this process's subscriptions when any connection commits an append: appends <c>NOTIFY ict_events</c>,
    /// which PostgreSQL delivers at commit, and this listens on its own connection. Polling remains the fallback
    /// (a lost connection is reopened on the next subscription's poll cycle).
    /// </summary>
    private sealed class CommitListener : IDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly AppendNotifier _notifier;
        private readonly Thread _thread;
        private volatile bool _stopping;

        public CommitListener(string connectionString, AppendNotifier notifier)
        {
            _notifier = notifier;
            _connection = new NpgsqlConnection(connectionString);
            _connection.Open();
            _connection.Notification += (_, _) => _notifier.Notify();
            using (var listen = new NpgsqlCommand($"LISTEN {NotifyChannel}", _connection))
            {
                listen.ExecuteNonQuery();
            }

            _thread = new Thread(Run) { IsBackground = true, Name = "ict-pg-listener" };
            _thread.Start();
        }

        public void Dispose()
        {
            _stopping = true;
            _thread.Join(TimeSpan.FromSeconds(2));
            _connection.Dispose();
        }

        private void Run()
        {
            try
            {
                while (!_stopping)
                {
                    _connection.Wait(TimeSpan.FromMilliseconds(250));
                }
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
            {
                if (!_stopping)
                {
                    Logger.Warning(e, "PostgreSQL commit listener stopped; subscriptions fall back to polling");
                }
            }
        }
    }
}
