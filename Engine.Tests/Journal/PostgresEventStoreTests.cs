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
    public void Open_UnreachableServer_ThrowsNpgsqlException()
    {
        Assert.Throws<NpgsqlException>(() => new PostgresEventStore("Host=127.0.0.1;Port=1;Timeout=2;Username=x").Dispose());
    }
}
