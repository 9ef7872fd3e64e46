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
    public void Open_UnreachableServer_ThrowsNpgsqlException()
    {
        Assert.Throws<NpgsqlException>(() => new PostgresEventStore("Host=127.0.0.1;Port=1;Timeout=2;Username=x").Dispose());
    }
}
