using System.Buffers.Binary;
using IctEngine.Journal;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class SqliteEventStoreTests : EventStoreConformanceTests
{
    private string _directory = string.Empty;

    protected override string CreateLocation()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ict-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        return "sqlite:" + Path.Combine(_directory, "journal.db");
    }

    protected override void DeleteLocation()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void Open_FileThatIsNotADatabase_ThrowsInvalidDataNamingFile()
    {
        var path = Path.Combine(_directory, "garbage.db");
        File.WriteAllBytes(path, Enumerable.Range(0, 8192).Select(i => (byte)(i * 31)).ToArray());
        var error = Assert.Throws<InvalidDataException>(() => new SqliteEventStore(path).Dispose())!;
        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void Open_ForeignSqliteDatabase_ThrowsInvalidData()
    {
        var path = Path.Combine(_directory, "foreign.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => new SqliteEventStore(path).Dispose())!;
        Assert.That(error.Message, Does.Contain("not an IctEngine event store").And.Contain("customers"));
    }

    [Test]
    public void Open_CorruptedHeader_ThrowsInvalidData()
    {
        var path = Path.Combine(_directory, "truncated.db");
        using (var store = new SqliteEventStore(path))
        {
            for (var i = 0; i < 20; i++)
            {
                store.Append(Batch("a", ExpectedVersion.Any, Enumerable.Range(0, 100).Select(_ => Event(payloadSize: 64)).ToArray()));
            }
        }

        var bytes = File.ReadAllBytes(path);
        Array.Clear(bytes, 0, 100);
        File.WriteAllBytes(path, bytes);
        Assert.Throws<InvalidDataException>(() => new SqliteEventStore(path).Dispose());
    }

    [Test]
    public void Open_NewFile_Uses16KiBPages()
    {
        var path = Path.Combine(_directory, "pages.db");
        using (var store = new SqliteEventStore(path))
        {
            store.Append(Batch("a", ExpectedVersion.Any, Event()));
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Assert.That(Scalar(connection, "PRAGMA page_size"), Is.EqualTo(SqliteEventStore.PageSize));
    }

    [Test]
    public void Append_PastTheCheckpointSize_KeepsTheWalNearFourMegabytes()
    {
        var path = Path.Combine(_directory, "wal.db");
        using var store = new SqliteEventStore(path);
        for (var b = 0; b < 120; b++)
        {
            store.Append(Batch("a", ExpectedVersion.Any, Enumerable.Range(0, 100).Select(_ => Event(payloadSize: 1000)).ToArray()));
        }

        // 12 MB of events were appended; with SQLite's default (1,000 pages of 16 KiB) the WAL would hold them all.
        Assert.That(new FileInfo(path + "-wal").Length, Is.LessThan(6L << 20));
        Assert.That(store.ReadAll(1, 20_000), Has.Count.EqualTo(12_000));
    }

    [Test]
    public void Open_ExistingStoreWith4KiBPages_KeepsItsPageSizeAndAppends()
    {
        var path = Path.Combine(_directory, "small-pages.db");
        using (var store = new SqliteEventStore(path))
        {
            store.Append(Batch("a", ExpectedVersion.Any, Event(), Event()));
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=DELETE");
            Execute(connection, "PRAGMA page_size=4096");
            Execute(connection, "VACUUM");
            Assert.That(Scalar(connection, "PRAGMA page_size"), Is.EqualTo(4096L));
        }

        using (var store = new SqliteEventStore(path))
        {
            store.Append(Batch("a", ExpectedVersion.Exact(1), Event()));
            Assert.That(store.ReadStreamForwards("a", 0, 10).Select(e => e.Version), Is.EqualTo(new long[] { 0, 1, 2 }));
        }

        using var reopened = new SqliteConnection($"Data Source={path};Pooling=False");
        reopened.Open();
        Assert.That(Scalar(reopened, "PRAGMA page_size"), Is.EqualTo(4096L));
    }

    [Test]
    public void Open_SchemaVersion1Store_MigratesKeepingEventsReadsAndIdempotency()
    {
        var path = Path.Combine(_directory, "schema1.db");
        var sequential = Enumerable.Range(0, 6).Select(i => SequentialId(7, i)).ToArray();
        var random = Guid.NewGuid();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            foreach (var sql in new[]
                     {
                         // Schema 1 exactly as the store created it before schema 2.
                         "PRAGMA journal_mode=WAL",
                         "CREATE TABLE ict_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                         "CREATE TABLE ict_streams(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, version INTEGER NOT NULL)",
                         "CREATE TABLE ict_events(position INTEGER PRIMARY KEY, stream_id INTEGER NOT NULL REFERENCES ict_streams(id), "
                         + "version INTEGER NOT NULL, event_id BLOB NOT NULL, type TEXT NOT NULL, payload BLOB NOT NULL, "
                         + "run_id TEXT NOT NULL, correlation_id INTEGER NOT NULL, causation_id INTEGER NOT NULL, time_ns INTEGER NOT NULL, "
                         + "UNIQUE(stream_id, version))",
                         "CREATE UNIQUE INDEX ict_events_event_id ON ict_events(event_id)",
                         "CREATE INDEX ict_events_run ON ict_events(run_id, position)",
                         "INSERT INTO ict_meta(key, value) VALUES('format', 'ict-event-store'), ('schema', '1')",
                         "INSERT INTO ict_streams(id, name, version) VALUES(1, 'a', 3), (2, 'b', 2)",
                     })
            {
                Execute(connection, sql);
            }

            // a: positions 1, 2, 4, 7; b: 3, 5, 6 (7 is a with a random id); runs r1 (1-3, 7) and r2 (4-6).
            var rows = new (long Stream, long Version, Guid Id, string Run)[]
            {
                (1, 0, sequential[0], "r1"), (1, 1, sequential[1], "r1"), (2, 0, sequential[2], "r1"),
                (1, 2, sequential[3], "r2"), (2, 1, sequential[4], "r2"), (2, 2, sequential[5], "r2"), (1, 3, random, "r1"),
            };
            for (var i = 0; i < rows.Length; i++)
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO ict_events VALUES($p, $s, $v, $id, 'Old', x'0102', $run, $p, 0, $p)";
                insert.Parameters.AddWithValue("$p", i + 1);
                insert.Parameters.AddWithValue("$s", rows[i].Stream);
                insert.Parameters.AddWithValue("$v", rows[i].Version);
                insert.Parameters.AddWithValue("$id", rows[i].Id.ToByteArray(bigEndian: true));
                insert.Parameters.AddWithValue("$run", rows[i].Run);
                insert.ExecuteNonQuery();
            }
        }

        using (var store = new SqliteEventStore(path))
        {
            Assert.That(store.ReadAll(1, 100).Select(e => (e.Stream, e.Version, e.Position, e.EventId)), Is.EqualTo(new[]
            {
                ("a", 0L, 1L, sequential[0]), ("a", 1L, 2L, sequential[1]), ("b", 0L, 3L, sequential[2]), ("a", 2L, 4L, sequential[3]),
                ("b", 1L, 5L, sequential[4]), ("b", 2L, 6L, sequential[5]), ("a", 3L, 7L, random),
            }));
            Assert.That(store.ReadStreamForwards("a", 1, 100).Select(e => e.Position), Is.EqualTo(new long[] { 2, 4, 7 }));
            Assert.That(store.ReadStreamBackwards("b", -1, 2).Select(e => e.Position), Is.EqualTo(new long[] { 6, 5 }));
            Assert.That(store.ReadAll(2, 100, "r1").Select(e => e.Position), Is.EqualTo(new long[] { 2, 3, 7 }));
            Assert.That(store.ReadAll(1, 100, "r2").Select(e => e.Position), Is.EqualTo(new long[] { 4, 5, 6 }));

            var retry = Batch("b", ExpectedVersion.Any, OldEvent(sequential[4]), OldEvent(sequential[5]));
            store.Append(retry);
            Assert.That((retry.WasIdempotentRetry, retry.LastPosition, retry.NextExpectedVersion(0)), Is.EqualTo((true, 6L, 2L)));
            Assert.Throws<InvalidOperationException>(() => store.Append(Batch("c", ExpectedVersion.Any, Event(), OldEvent(random))));
            Assert.Throws<InvalidOperationException>(() => store.Append(Batch("c", ExpectedVersion.Any, Event(), OldEvent(sequential[1]))));

            var next = Batch("a", ExpectedVersion.Exact(3), Event(), Event());
            store.Append(next);
            Assert.That((next.LastPosition, next.NextExpectedVersion(0)), Is.EqualTo((9L, 5L)));
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        Assert.That(Scalar(check, "SELECT value FROM ict_meta WHERE key = 'schema'"), Is.EqualTo("2"));
        Assert.That(Scalar(check, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ict_event_rows'"), Is.EqualTo(0L));
        Assert.That(Scalar(check, "SELECT count(*) FROM ict_events"), Is.EqualTo(9L));

        // A schema 1 build still writing to the migrated file fails loudly instead of bypassing the segments.
        Assert.Throws<SqliteException>(() => Execute(check, "INSERT INTO ict_events VALUES(10, 1, 5, x'00', 'Old', x'01', 'r1', 0, 0, 0)"));
    }

    [Test]
    public void Open_NewerSchemaVersion_ThrowsInvalidDataNamingVersion()
    {
        var path = Path.Combine(_directory, "newer.db");
        new SqliteEventStore(path).Dispose();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "UPDATE ict_meta SET value = '99' WHERE key = 'schema'");
        }

        var error = Assert.Throws<InvalidDataException>(() => new SqliteEventStore(path).Dispose())!;
        Assert.That(error.Message, Does.Contain("'99'").And.Contain(path));
    }

    [Test]
    public void Append_SequentialIdsRetried_IsIdempotentNoOpWithStoredPositions()
    {
        var store = Open();
        store.Append(Batch("other", ExpectedVersion.Any, Event(), Event()));
        var events = Enumerable.Range(0, 40).Select(i => OldEvent(SequentialId(3, i))).ToArray();
        var first = Batch("seq", ExpectedVersion.NoStream, events);
        store.Append(first);
        var retry = Batch("seq", ExpectedVersion.NoStream, events[..25]);
        store.Append(retry);
        Assert.That((retry.WasIdempotentRetry, retry.LastPosition, retry.NextExpectedVersion(0)), Is.EqualTo((true, 27L, 24L)));
        Assert.That(first.LastPosition, Is.EqualTo(42));
        Assert.That(store.GetLastPosition(), Is.EqualTo(42));
    }

    [TestCase(-3, 6)]
    [TestCase(9, 1)]
    [TestCase(15, 10)]
    public void Append_SequentialIdsOverlappingAStoredRange_ThrowsAndWritesNothing(int firstLow, int count)
    {
        var store = Open();
        store.Append(Batch("seq", ExpectedVersion.Any, Enumerable.Range(0, 10).Select(i => OldEvent(SequentialId(5, i))).ToArray()));
        store.Append(Batch("seq", ExpectedVersion.Any, Enumerable.Range(20, 10).Select(i => OldEvent(SequentialId(5, i))).ToArray()));

        // The batch's first id is new (not a retry), a later one overlaps a stored range.
        var events = new[] { OldEvent(SequentialId(5, 100)) }
            .Concat(Enumerable.Range(firstLow, count).Select(i => OldEvent(SequentialId(5, i)))).ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => store.Append(Batch("new", ExpectedVersion.Any, events)))!;
        Assert.That(error.Message, Does.Contain("already stored"));
        Assert.That(store.GetStreamVersion("new"), Is.EqualTo(-1));
        Assert.That(store.GetLastPosition(), Is.EqualTo(20));
    }

    [Test]
    public void Append_IdRepeatedInTheBatch_ThrowsAndWritesNothing()
    {
        var store = Open();
        var events = new[] { 0, 1, 2, 1 }.Select(i => OldEvent(SequentialId(9, i))).ToArray();
        var error = Assert.Throws<InvalidOperationException>(() => store.Append(Batch("rep", ExpectedVersion.Any, events)))!;
        Assert.That(error.Message, Does.Contain(SequentialId(9, 1).ToString()));
        Assert.That(store.GetLastPosition(), Is.Zero);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Reads_RandomlyInterleavedStreamsAndRuns_MatchTheGlobalOrder(int seed)
    {
        // Streams and runs interleaved densely and sparsely (gaps beyond StoreSegmentBuilder.MaxGap), batch sizes
        // around the 16-row INSERT: every read must equal the global order filtered.
        var random = new Random(seed);
        var store = Open();
        var streams = new[] { "dense", "sparse", "filler", "rare" };
        var counter = 0L;
        for (var b = 0; b < 25; b++)
        {
            var batch = new EventBatch();
            foreach (var stream in streams)
            {
                batch.AddStream(stream, ExpectedVersion.Any);
            }

            var size = random.Next(1, 120);
            for (var i = 0; i < size; i++)
            {
                var roll = random.Next(100);
                var s = roll < 40 ? 0 : roll < 45 ? 1 : roll < 99 ? 2 : 3;
                var id = random.Next(3) == 0 ? Guid.NewGuid() : SequentialId(11, counter);
                counter++;
                batch.Add(s, Event(type: "T" + s, run: random.Next(4) == 0 ? "r2" : "r1", correlation: counter, id: id));
            }

            store.Append(batch);
        }

        var all = store.ReadAll(1, int.MaxValue);
        foreach (var stream in streams)
        {
            var expected = all.Where(e => e.Stream == stream).Select(e => e.Position).ToArray();
            for (var from = 0; from <= expected.Length; from += 7)
            {
                Assert.That(store.ReadStreamForwards(stream, from, 13).Select(e => e.Position), Is.EqualTo(expected.Skip(from).Take(13)), $"{stream} forwards from {from}");
                Assert.That(
                    store.ReadStreamBackwards(stream, from, 13).Select(e => e.Position),
                    Is.EqualTo(expected.Take(from + 1).Reverse().Take(13)),
                    $"{stream} backwards from {from}");
            }

            Assert.That(store.ReadStreamBackwards(stream, -1, int.MaxValue).Select(e => e.Position), Is.EqualTo(expected.Reverse()));
        }

        foreach (var run in new[] { "r1", "r2" })
        {
            var expected = all.Where(e => e.Metadata.RunId == run).Select(e => e.Position).ToArray();
            foreach (var from in new long[] { 1, 50, all.Count / 2, all.Count })
            {
                Assert.That(store.ReadAll(from, 37, run).Select(e => e.Position), Is.EqualTo(expected.Where(p => p >= from).Take(37)), $"{run} from {from}");
            }
        }
    }

    [TestCase(4)]
    [TestCase(5000)]
    public void Append_TypesRunsAndStreamsVaryingAcrossRowsAndBatches_ReadsBackEveryEventsOwnFields(int distinctTypes)
    {
        // Parameters that already hold a value are not bound again (bindings survive a statement reset): every row
        // slot of the 16-row and the 1-row insert must still end up with its own event's values, also when types
        // run past the native string cache (5,000 distinct types: the uncached ones are bound by copy).
        using var store = new SqliteEventStore(Path.Combine(_directory, "slots.db"));
        var expected = new List<EventData>();
        var expectedStreams = new List<string>();
        var n = 0;
        foreach (var size in new[] { 37, 16, 1, 50, 33, 17 })
        {
            var batch = new EventBatch();
            var streams = new[] { batch.AddStream("slots-a", ExpectedVersion.Any), batch.AddStream("slots-b", ExpectedVersion.Any) };
            for (var i = 0; i < size; i++, n++)
            {
                var payload = new byte[n % 5 == 0 ? 0 : 1 + (n % 70)];
                payload.AsSpan().Fill((byte)n);
                var e = new EventData(
                    SequentialId(7, n),
                    "Type" + (n * 7 % distinctTypes),
                    payload,
                    new EventMetadata(n % 11 < 7 ? "run-x" : "run-y", n, n % 3 == 0 ? 0 : n - 1),
                    1_400_000_000_000_000_000 + n);
                var stream = streams[n % 13 < 9 ? 0 : 1];
                batch.Add(stream, e);
                expected.Add(e);
                expectedStreams.Add(batch.Stream(stream));
            }

            store.Append(batch);
        }

        var read = store.ReadAll(1, n + 10);
        Assert.That(read, Has.Count.EqualTo(n));
        for (var i = 0; i < n; i++)
        {
            var (e, r) = (expected[i], read[i]);
            Assert.That(
                (r.Position, r.Stream, r.EventId, r.Type, r.Metadata, r.TimeNs),
                Is.EqualTo((i + 1L, expectedStreams[i], e.EventId, e.Type, e.Metadata, e.TimeNs)),
                $"event {i}");
            Assert.That(r.Payload, Is.EqualTo(e.Payload.ToArray()), $"payload {i}");
        }
    }

    [Test]
    public void Append_ManyEventsPerBatch_AllocatesNothingPerEvent()
    {
        using var store = new SqliteEventStore(Path.Combine(_directory, "alloc.db"));
        long next = 0;
        EventBatch[] Batches(int count)
        {
            var payload = new byte[40];
            return Enumerable.Range(0, 20).Select(_ =>
            {
                var batch = new EventBatch();
                var a = batch.AddStream("alloc-a", ExpectedVersion.Any);
                var b = batch.AddStream("alloc-b", ExpectedVersion.Any);
                for (var i = 0; i < count; i++)
                {
                    batch.Add(i % 3 == 0 ? b : a, new EventData(SequentialId(42, next++), "Alloc", payload, new EventMetadata("run-alloc", i, 0), i));
                }

                return batch;
            }).ToArray();
        }

        long Measure(EventBatch[] batches)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var batch in batches)
            {
                store.Append(batch);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(Batches(16));
        Measure(Batches(1000));
        var small = Batches(16);
        var large = Batches(1000);

        // What an append allocates per batch (binding the stream names) is the same for both sizes; per event, nothing.
        var perEvent = (Measure(large) - Measure(small)) / (20.0 * (1000 - 16));
        Assert.That(perEvent, Is.LessThan(0.5));
    }

    private static Guid SequentialId(long high, long low)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], low);
        return new Guid(bytes, bigEndian: true);
    }

    private static EventData OldEvent(Guid id) => Event(id: id);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
