using System.Text;
using IctEngine.Journal;
using NUnit.Framework;
using SQLitePCL;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed unsafe class SqliteNativeBindsTests
{
    [Test]
    public void Bind_IntegerBlobAndText_StatementReadsThemInPlace()
    {
        var blob = new byte[] { 1, 2, 3, 250 };
        var text = Encoding.UTF8.GetBytes("OrderFilled €");
        WithStatement("SELECT ?1, ?2, ?3", statement =>
        {
            var handle = SqliteNativeBinds.Handle(statement);
            fixed (byte* b = blob)
            fixed (byte* t = text)
            {
                Assert.That(SqliteNativeBinds.BindInt64(handle, 1, long.MinValue + 7), Is.EqualTo(raw.SQLITE_OK));
                Assert.That(SqliteNativeBinds.BindStaticBlob(handle, 2, b, blob.Length), Is.EqualTo(raw.SQLITE_OK));
                Assert.That(SqliteNativeBinds.BindStaticText(handle, 3, t, text.Length), Is.EqualTo(raw.SQLITE_OK));
                Assert.That(raw.sqlite3_step(statement), Is.EqualTo(raw.SQLITE_ROW));
                Assert.That(raw.sqlite3_column_int64(statement, 0), Is.EqualTo(long.MinValue + 7));
                Assert.That(raw.sqlite3_column_blob(statement, 1).ToArray(), Is.EqualTo(blob));
                Assert.That(raw.sqlite3_column_text(statement, 2).utf8_to_string(), Is.EqualTo("OrderFilled €"));
            }
        });
    }

    [Test]
    public void BindInt64_NoSuchParameter_ReturnsRangeError()
    {
        WithStatement("SELECT ?1", statement =>
            Assert.That(SqliteNativeBinds.BindInt64(SqliteNativeBinds.Handle(statement), 2, 1), Is.EqualTo(raw.SQLITE_RANGE)));
    }

    /// <summary>Prepares <paramref name="sql"/> on a fresh in-memory database of the store's SQLite library.</summary>
    private static void WithStatement(string sql, Action<sqlite3_stmt> use)
    {
        SqliteNativeBinds.EnsureLoaded();
        Assert.That(raw.sqlite3_open_v2(":memory:", out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE, null), Is.EqualTo(raw.SQLITE_OK));
        using (db)
        {
            Assert.That(raw.sqlite3_prepare_v2(db, sql, out var statement), Is.EqualTo(raw.SQLITE_OK));
            using (statement)
            {
                use(statement);
            }
        }
    }
}
