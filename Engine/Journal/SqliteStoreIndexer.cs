using SQLitePCL;

namespace IctEngine.Journal;

/// <summary>
/// Builds the SQLite store's stream segments, run segments and event-id ranges for events already in
/// <c>ict_event_rows</c> (the schema 1 → 2 migration): one pass in position order through the same builders an append
/// uses, writing completed entries as it goes so memory stays bounded. Runs inside the caller's transaction.
/// </summary>
internal sealed class SqliteStoreIndexer
{
    internal const string InsertStreamSegmentSql =
        "INSERT INTO ict_stream_segments(stream_id, first_version, last_version, first_position, last_position) VALUES(?1, ?2, ?3, ?4, ?5)";

    internal const string InsertRunSegmentSql = "INSERT INTO ict_run_segments(run_id, first_position, last_position) VALUES(?1, ?2, ?3)";

    internal const string InsertIdRangeSql =
        "INSERT INTO ict_event_ids(id_high, id_low_first, id_low_last, first_position) VALUES(?1, ?2, ?3, ?4)";

    private const int FlushEvery = 4096;

    private readonly sqlite3 _db;
    private readonly string _path;
    private readonly StoreSegmentBuilder _streams = new();
    private readonly StoreSegmentBuilder _runs = new();
    private readonly EventIdRangeBuilder _ids = new();
    private readonly Dictionary<long, int> _streamKeys = [];
    private readonly List<long> _streamIds = [];
    private readonly Dictionary<string, int> _runKeys = new(StringComparer.Ordinal);
    private readonly List<string> _runIds = [];

    public SqliteStoreIndexer(sqlite3 db, string path)
    {
        _db = db;
        _path = path;
    }

    public void IndexAllEvents()
    {
        using var select = Prepare("SELECT position, stream_id, version, event_id, run_id FROM ict_event_rows ORDER BY position");
        using var insertStream = Prepare(InsertStreamSegmentSql);
        using var insertRun = Prepare(InsertRunSegmentSql);
        using var insertId = Prepare(InsertIdRangeSql);
        int rc;
        var index = 0;
        while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
        {
            var position = raw.sqlite3_column_int64(select, 0);
            var streamId = raw.sqlite3_column_int64(select, 1);
            var idBytes = raw.sqlite3_column_blob(select, 3);
            if (idBytes.Length != 16)
            {
                throw new InvalidDataException($"{_path}: event at position {position} has an event id of {idBytes.Length} bytes, not 16.");
            }

            _streams.Add(Key(_streamKeys, _streamIds, streamId), position, raw.sqlite3_column_int64(select, 2));
            _runs.Add(Key(_runKeys, _runIds, raw.sqlite3_column_text(select, 4).utf8_to_string() ?? string.Empty), position);
            _ids.Add(new Guid(idBytes, bigEndian: true), position, index++);
            if (_streams.Count + _runs.Count + _ids.Count >= FlushEvery)
            {
                Flush(insertStream, insertRun, insertId);
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            throw Failure("read the events to index", rc);
        }

        _streams.Finish();
        _runs.Finish();
        _ids.Finish();
        Flush(insertStream, insertRun, insertId);
    }

    private static int Key<T>(Dictionary<T, int> keys, List<T> values, T value)
        where T : notnull
    {
        if (!keys.TryGetValue(value, out var key))
        {
            key = values.Count;
            keys[value] = key;
            values.Add(value);
        }

        return key;
    }

    private void Flush(sqlite3_stmt insertStream, sqlite3_stmt insertRun, sqlite3_stmt insertId)
    {
        for (var i = 0; i < _streams.Count; i++)
        {
            ref readonly var s = ref _streams[i];
            raw.sqlite3_bind_int64(insertStream, 1, _streamIds[s.Key]);
            raw.sqlite3_bind_int64(insertStream, 2, s.FirstVersion);
            raw.sqlite3_bind_int64(insertStream, 3, s.LastVersion);
            raw.sqlite3_bind_int64(insertStream, 4, s.FirstPosition);
            raw.sqlite3_bind_int64(insertStream, 5, s.LastPosition);
            Step(insertStream);
        }

        for (var i = 0; i < _runs.Count; i++)
        {
            ref readonly var r = ref _runs[i];
            raw.sqlite3_bind_text(insertRun, 1, _runIds[r.Key]);
            raw.sqlite3_bind_int64(insertRun, 2, r.FirstPosition);
            raw.sqlite3_bind_int64(insertRun, 3, r.LastPosition);
            Step(insertRun);
        }

        for (var i = 0; i < _ids.Count; i++)
        {
            ref readonly var range = ref _ids[i];
            raw.sqlite3_bind_int64(insertId, 1, range.High);
            raw.sqlite3_bind_int64(insertId, 2, range.LowFirst);
            raw.sqlite3_bind_int64(insertId, 3, range.LowLast);
            raw.sqlite3_bind_int64(insertId, 4, range.FirstPosition);
            Step(insertId);
        }

        _streams.ClearCompleted();
        _runs.ClearCompleted();
        _ids.ClearCompleted();
    }

    private void Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            throw Failure("write the event index", rc);
        }
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var stmt);
        return rc == raw.SQLITE_OK ? stmt : throw Failure("prepare '" + sql + "'", rc);
    }

    private IOException Failure(string what, int rc) =>
        new($"{_path}: SQLite failed to {what} while migrating the event store: {raw.sqlite3_errmsg(_db).utf8_to_string()} (code {rc}).");
}
