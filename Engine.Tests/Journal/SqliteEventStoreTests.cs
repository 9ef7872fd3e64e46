using IctEngine.Journal;
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
}
