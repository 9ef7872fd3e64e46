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
    public void Open_UnreachableServer_ThrowsNpgsqlException()
    {
        Assert.Throws<NpgsqlException>(() => new PostgresEventStore("Host=127.0.0.1;Port=1;Timeout=2;Username=x").Dispose());
    }
}
