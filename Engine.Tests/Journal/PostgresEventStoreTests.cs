using IctEngine.Journal;
using IctEngine.Tests.Support;
using Npgsql;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class PostgresEventStoreTests : EventStoreConformanceTests
{
    private string _schema = string.Empty;

    protected override string CreateLocation() => "postgres:" + PostgresTestServer.CreateSchema(out _schema);

    protected override void DeleteLocation()
    {
        if (_schema.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            PostgresTestServer.DropSchema(_schema);
        }
    }

    [Test]
    public void Open_SchemaWithForeignIctTables_ThrowsInvalidData()
    {
        var connectionString = Location["postgres:".Length..];
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE TABLE ict_events(id int)", connection);
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => new PostgresEventStore(connectionString).Dispose())!;
        Assert.That(error.Message, Does.Contain("not an IctEngine event store"));
    }

    [Test]
    public void SubscribeToAll_AppendFromAnotherConnection_WakesWithoutWaitingForThePoll()
    {
        var reader = Open();
        var writer = Open();
        var seen = new System.Collections.Concurrent.ConcurrentQueue<long>();
        using var subscription = reader.SubscribeToAll(1, e => seen.Enqueue(e.Position), TimeSpan.FromMinutes(5));
        Assert.That(subscription.WaitForPosition(0, TimeSpan.FromSeconds(10)), Is.True);
        writer.Append(Batch("other-process", ExpectedVersion.Any, Event()));
        Assert.That(subscription.WaitForPosition(1, TimeSpan.FromSeconds(20)), Is.True, "the NOTIFY at commit should wake the subscription");
        Assert.That(seen, Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public void Append_ServerDroppedTheConnection_JournalWriterRetriesAndLosesNothing()
    {
        using var store = new PostgresEventStore(Location["postgres:".Length..]);
        using (var writer = new JournalWriter(store, new JournalWriterOptions { RunId = "drop", StallTimeout = TimeSpan.FromSeconds(20) }))
        {
            writer.Add(IctEngine.Tests.Support.DecisionSamples.Make(0));
            writer.Flush();
            using (var admin = new NpgsqlConnection(PostgresTestServer.RequireConnectionString()))
            {
                admin.Open();
                using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
                kill.Parameters.AddWithValue("pid", store.BackendProcessId);
                Assert.That(kill.ExecuteScalar(), Is.True);
            }

            for (var i = 1; i < 100; i++)
            {
                writer.Add(IctEngine.Tests.Support.DecisionSamples.Make(i));
            }

            writer.Flush();
            Assert.That(writer.Fault, Is.Null);
        }

        Assert.That(store.ReadAll(1, 1000, "drop"), Has.Count.EqualTo(100));
    }

    [Test]
    public void ReadAll_OlderTransactionCommitsLate_HoldsLaterPositionsBackUntilItEnds()
    {
        var store = Open();
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<long>();
        using var subscription = store.SubscribeToAll(1, e => delivered.Enqueue(e.Position), TimeSpan.FromMilliseconds(5));
        using var slow = new NpgsqlConnection(Location["postgres:".Length..]);
        slow.Open();
        using var transaction = slow.BeginTransaction();
        long tx;
        using (var reserve = new NpgsqlCommand("SELECT tx::text::bigint, last FROM ict_reserve(1)", slow, transaction))
        using (var reader = reserve.ExecuteReader())
        {
            reader.Read();
            tx = reader.GetInt64(0);
            Assert.That(reader.GetInt64(1), Is.EqualTo(1));
        }

        var later = Batch("fast", ExpectedVersion.Any, Event());
        store.Append(later);
        Assert.That(later.LastPosition, Is.EqualTo(2));
        Thread.Sleep(100);
        Assert.That(store.ReadAll(1, 10), Is.Empty, "position 2 committed while position 1 may still come");
        Assert.That(store.GetLastPosition(), Is.Zero);
        Assert.That(delivered, Is.Empty);

        long streamId;
        using (var stream = new NpgsqlCommand("INSERT INTO ict_streams(name, version) VALUES ('slow', 0) RETURNING id", slow, transaction))
        {
            streamId = (long)stream.ExecuteScalar()!;
        }

        var e = Event("Slow");
        var record = new byte[PgEventRecord.MaxSize(4, 5, e.Payload.Length)];
        var length = PgEventRecord.Write(record, streamId, 0, 1, e, "Slow"u8, "run-1"u8);
        using (var insert = new NpgsqlCommand(
                   "INSERT INTO ict_events(position, stream_id, version, event_id, run_id, tx, record) VALUES (1, @s, 0, @id, 'run-1', @tx::text::xid8, @r)",
                   slow,
                   transaction))
        {
            insert.Parameters.AddWithValue("s", streamId);
            insert.Parameters.AddWithValue("id", e.EventId);
            insert.Parameters.AddWithValue("tx", tx);
            insert.Parameters.AddWithValue("r", record[..length]);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        Assert.That(subscription.WaitForPosition(2, TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(delivered, Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(store.ReadAll(1, 10).Select(e => e.Stream), Is.EqualTo(new[] { "slow", "fast" }));
    }

    [Test]
    public void SubscribeToAll_ConcurrentWritersWithFailingAppends_DeliversEveryCommittedEventOnce()
    {
        var reader = Open();
        var writers = new[] { Open(), Open() };
        var committed = new System.Collections.Concurrent.ConcurrentDictionary<Guid, byte>();
        var delivered = new System.Collections.Concurrent.ConcurrentQueue<(long Position, Guid Id)>();
        using var subscription = reader.SubscribeToAll(1, e => delivered.Enqueue((e.Position, e.EventId)), TimeSpan.FromMilliseconds(5));
        var failures = 0;
        var tasks = writers.Select((w, n) => Task.Run(() =>
        {
            for (var b = 0; b < 150; b++)
            {
                // Every third append races the other writer on a shared stream with an exact expected version:
                // the loser rolls back after reserving positions, leaving a gap the subscriber must step over.
                var shared = b % 3 == 0;
                var events = Enumerable.Range(0, 1 + (b % 5)).Select(_ => Event()).ToArray();
                var version = w.GetStreamVersion("shared");
                var expected = !shared ? ExpectedVersion.Any : version < 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(version);
                var batch = Batch(shared ? "shared" : $"w{n}", expected, events);
                try
                {
                    w.Append(batch);
                    foreach (var e in events)
                    {
                        committed[e.EventId] = 0;
                    }
                }
                catch (WrongExpectedVersionException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        Assert.That(Task.WaitAll(tasks, TimeSpan.FromSeconds(120)), Is.True);

        var last = reader.GetLastPosition();
        Assert.That(subscription.WaitForPosition(last, TimeSpan.FromSeconds(20)), Is.True);
        var seen = delivered.ToArray();
        Assert.That(seen.Select(d => d.Id), Is.EquivalentTo(committed.Keys), "every committed event delivered exactly once");
        Assert.That(seen.Select(d => d.Position), Is.Ordered.Ascending.And.Unique);
        Assert.That(seen[^1].Position, Is.EqualTo(last));
        TestContext.Out.WriteLine($"{seen.Length} events delivered, {failures} appends lost the race, positions up to {last}");
    }

    [Test]
    public void Open_SchemaVersion1Store_MigratesAndKeepsEventsAndPositions()
    {
        var connectionString = Location["postgres:".Length..];
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            foreach (var sql in new[]
                     {
                         "CREATE TABLE ict_meta(key text PRIMARY KEY, value text NOT NULL)",
                         "CREATE TABLE ict_position(id int PRIMARY KEY CHECK (id = 1), last bigint NOT NULL)",
                         "CREATE TABLE ict_streams(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, version bigint NOT NULL)",
                         "CREATE TABLE ict_events(position bigint PRIMARY KEY, stream_id bigint NOT NULL REFERENCES ict_streams(id), "
                         + "version bigint NOT NULL, event_id uuid NOT NULL, type text NOT NULL, payload bytea NOT NULL, run_id text NOT NULL, "
                         + "correlation_id bigint NOT NULL, causation_id bigint NOT NULL, time_ns bigint NOT NULL, "
                         + "CONSTRAINT ict_events_stream_version UNIQUE (stream_id, version), CONSTRAINT ict_events_event_id UNIQUE (event_id))",
                         "CREATE INDEX ict_events_run ON ict_events(run_id, position)",
                         "INSERT INTO ict_position(id, last) VALUES (1, 2)",
                         "INSERT INTO ict_meta(key, value) VALUES ('format', 'ict-event-store'), ('schema', '1')",
                         "INSERT INTO ict_streams(name, version) VALUES ('old', 1)",
                         "INSERT INTO ict_events SELECT p, 1, p - 1, gen_random_uuid(), 'Old', '\\x01', 'run-old', p, 0, p FROM generate_series(1, 2) p",
                     })
            {
                using var command = new NpgsqlCommand(sql, connection);
                command.ExecuteNonQuery();
            }
        }

        var store = Open();
        Assert.That(store.ReadAll(1, 10, "run-old").Select(e => (e.Stream, e.Version, e.Position)), Is.EqualTo(new[] { ("old", 0L, 1L), ("old", 1L, 2L) }));
        Assert.That(
            store.ReadAll(1, 10).Select(e => (e.Type, e.Payload.Single(), e.Metadata.RunId, e.Metadata.CorrelationId, e.TimeNs)),
            Is.EqualTo(new[] { ("Old", (byte)1, "run-old", 1L, 1L), ("Old", (byte)1, "run-old", 2L, 2L) }));
        var next = Batch("old", ExpectedVersion.Exact(1), Event());
        store.Append(next);
        Assert.That(next.LastPosition, Is.EqualTo(3));
        Assert.That(store.GetLastPosition(), Is.EqualTo(3));
        using var check = new NpgsqlConnection(connectionString);
        check.Open();
        using var schema = new NpgsqlCommand("SELECT value FROM ict_meta WHERE key = 'schema'", check);
        Assert.That(schema.ExecuteScalar(), Is.EqualTo(PostgresEventStore.SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Open_SchemaVersion2Store_MigratesEveryFieldIntoTheRecordColumn()
    {
        var connectionString = Location["postgres:".Length..];
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            foreach (var sql in new[]
                     {
                         "CREATE TABLE ict_meta(key text PRIMARY KEY, value text NOT NULL)",
                         "CREATE SEQUENCE ict_position_seq AS bigint",
                         "CREATE TABLE ict_streams(id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, version bigint NOT NULL)",
                         "CREATE TABLE ict_events(position bigint PRIMARY KEY, stream_id bigint NOT NULL, "
                         + "version bigint NOT NULL, event_id uuid NOT NULL, type text NOT NULL, payload bytea NOT NULL, run_id text COLLATE \"C\" NOT NULL, "
                         + "correlation_id bigint NOT NULL, causation_id bigint NOT NULL, time_ns bigint NOT NULL, tx xid8 NOT NULL, "
                         + "CONSTRAINT ict_events_stream_version UNIQUE (stream_id, version), CONSTRAINT ict_events_event_id UNIQUE (event_id))",
                         "CREATE TABLE ict_stream_runs(run_id text COLLATE \"C\" NOT NULL, stream_id bigint NOT NULL, PRIMARY KEY (run_id, stream_id))",
                         "CREATE FUNCTION ict_reserve(n bigint, OUT tx xid8, OUT last bigint) LANGUAGE sql AS "
                         + "'SELECT pg_current_xact_id(), setval(''ict_position_seq'', nextval(''ict_position_seq'') + n - 1)'",
                         "INSERT INTO ict_meta(key, value) VALUES ('format', 'ict-event-store'), ('schema', '2')",
                         "INSERT INTO ict_streams(name, version) VALUES ('a', 1), ('b-€', 0)",
                         "INSERT INTO ict_stream_runs VALUES ('run-ä', 1), ('run-ä', 2)",
                         "SELECT setval('ict_position_seq', 3)",
                     })
            {
                using var command = new NpgsqlCommand(sql, connection);
                command.ExecuteNonQuery();
            }

            using var insert = new NpgsqlCommand(
                "INSERT INTO ict_events VALUES (1, 1, 0, @a, 'Bar€', '\\x0102', 'run-ä', 7, 0, -5, '1'), "
                + "(2, 2, 0, @b, 'X', '\\x', 'run-ä', 8, 7, 9, '1'), (3, 1, 1, @c, 'Bar€', '\\xff', 'run-ä', -123456789012, -9223372036854775808, long_max(), '1')".Replace(
                    "long_max()", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                connection);
            insert.Parameters.AddWithValue("a", ids[0]);
            insert.Parameters.AddWithValue("b", ids[1]);
            insert.Parameters.AddWithValue("c", ids[2]);
            insert.ExecuteNonQuery();
        }

        var store = Open();
        var read = store.ReadAll(1, 10, "run-ä");
        Assert.That(read.Select(e => (e.Stream, e.Version, e.Position, e.EventId, e.Type)), Is.EqualTo(new[]
        {
            ("a", 0L, 1L, ids[0], "Bar€"), ("b-€", 0L, 2L, ids[1], "X"), ("a", 1L, 3L, ids[2], "Bar€"),
        }));
        Assert.That(read.Select(e => e.Payload), Is.EqualTo(new[] { new byte[] { 1, 2 }, [], [0xFF] }));
        Assert.That(
            read.Select(e => (e.Metadata.RunId, e.Metadata.CorrelationId, e.Metadata.CausationId, e.TimeNs)),
            Is.EqualTo(new[] { ("run-ä", 7L, 0L, -5L), ("run-ä", 8L, 7L, 9L), ("run-ä", -123456789012L, long.MinValue, long.MaxValue) }));
        Assert.That(store.ReadStreamBackwards("a", -1, 10).Select(e => e.Position), Is.EqualTo(new[] { 3L, 1L }));

        var next = Batch("a", ExpectedVersion.Exact(1), Event());
        store.Append(next);
        Assert.That(next.LastPosition, Is.EqualTo(4));
        Assert.Throws<InvalidOperationException>(() => store.Append(Batch("b-€", ExpectedVersion.Any, Event(), Event(id: ids[0]))));
        Assert.Throws<WrongExpectedVersionException>(() => store.Append(Batch("b-€", ExpectedVersion.Exact(5), Event())));
        using var check = new NpgsqlConnection(connectionString);
        check.Open();
        using var schema = new NpgsqlCommand("SELECT value FROM ict_meta WHERE key = 'schema'", check);
        Assert.That(schema.ExecuteScalar(), Is.EqualTo("3"));
        using var columns = new NpgsqlCommand(
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'ict_events'",
            check);
        Assert.That(columns.ExecuteScalar(), Is.EqualTo("position,stream_id,version,event_id,run_id,tx,record"));
    }

    [Test]
    public void ReadAll_TypeAndRunIdLongerThanTheReadBuffer_RoundTrip()
    {
        var store = Open();
        var type = "Type-ä€-" + new string('t', 700);
        var run = "run-ü-" + new string('r', 1500);
        store.Append(Batch("long", ExpectedVersion.Any, Event(type, run), Event("Short", run)));
        var read = store.ReadAll(1, 10, run);
        Assert.That(read.Select(e => (e.Type, e.Metadata.RunId)), Is.EqualTo(new[] { (type, run), ("Short", run) }));
        Assert.That(store.ReadStreamBackwards("long", -1, 10).Select(e => e.Type), Is.EqualTo(new[] { "Short", type }));
    }

    [Test]
    public void ReadAll_RecordsLargerThanTheReadBuffers_RoundTrip()
    {
        var store = Open();
        var big = Event(payloadSize: 300_000);
        store.Append(Batch("big", ExpectedVersion.Any, Event(payloadSize: 10), big, Event(payloadSize: 70_000)));
        var read = store.ReadAll(1, 10);
        Assert.That(read.Select(e => e.Payload.Length), Is.EqualTo(new[] { 10, 300_000, 70_000 }));
        Assert.That(read[1].Payload, Is.EqualTo(big.Payload.ToArray()));
        Assert.That(read[1].EventId, Is.EqualTo(big.EventId));
    }

    [Test]
    public void ReadAll_RunsInterleavedAcrossStreams_PagesThroughOnlyThatRunInOrder()
    {
        var store = Open();
        var expected = new List<long>();
        for (var b = 0; b < 6; b++)
        {
            var batch = new EventBatch();
            var own = batch.AddStream($"s{b % 3}", ExpectedVersion.Any);
            var shared = batch.AddStream("shared", ExpectedVersion.Any);
            batch.Add(own, Event(run: b % 2 == 0 ? "r1" : "r2"));
            batch.Add(shared, Event(run: "r1"));
            batch.Add(shared, Event(run: "r3"));
            store.Append(batch);
            var first = batch.LastPosition - 2;
            expected.AddRange(b % 2 == 0 ? [first, first + 1] : [first + 1]);
        }

        store.Append(Batch("later", ExpectedVersion.Any, Event(run: "r4")));
        var read = new List<long>();
        for (var from = 1L; store.ReadAll(from, 2, "r1") is { Count: > 0 } page; from = page[^1].Position + 1)
        {
            Assert.That(page.Select(e => e.Metadata.RunId), Is.All.EqualTo("r1"));
            read.AddRange(page.Select(e => e.Position));
        }

        Assert.That(read, Is.EqualTo(expected));
        Assert.That(store.ReadAll(1, 10, "r4").Select(e => e.Stream), Is.EqualTo(new[] { "later" }));
        Assert.That(store.ReadAll(1, 10, "unknown"), Is.Empty);
        Assert.That(store.ReadAll(read[^1] + 1, 10, "r1"), Is.Empty);
    }

    [Test]
    public void Open_UnreachableServer_ThrowsNpgsqlException()
    {
        Assert.Throws<NpgsqlException>(() => new PostgresEventStore("Host=127.0.0.1;Port=1;Timeout=2;Username=x").Dispose());
    }
}
