using Npgsql;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests run against: <c>ICT_TEST_POSTGRES</c> (tools/test.sh starts a throwaway cluster
/// and sets it). Each caller gets its own schema, dropped afterwards, so tests never see each other's events.
/// Without the variable the tests are ignored locally and fail in CI (<c>CI=true</c>), where the server must exist.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "ICT_TEST_POSTGRES";

    /// <summary>The server's connection string, or ignores/fails the current test when none is configured.</summary>
    public static string RequireConnectionString()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        const string message = Variable + " is not set: no PostgreSQL server for the PostgreSQL event store tests "
            + "(tools/test.sh starts one; see docs/EVENT-STORE.md).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return string.Empty;
    }

    /// <summary>Creates a fresh schema and returns a connection string whose search path is that schema.</summary>
    public static string CreateSchema(out string schema)
    {
        var server = RequireConnectionString();
        schema = "ict_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, Pooling = false }.ToString();
    }

    public static void DropSchema(string schema)
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            return;
        }

        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        command.ExecuteNonQuery();
    }
}
