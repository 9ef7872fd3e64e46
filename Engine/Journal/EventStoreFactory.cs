namespace IctEngine.Journal;

/// <summary>
/// Opens a store from its location string: <c>sqlite:PATH</c> (a file, created when missing) or
/// <c>postgres:CONNSTRING</c> (an Npgsql connection string; <c>postgresql:</c> works too).
/// </summary>
public static class EventStoreFactory
{
    public const string SqlitePrefix = "sqlite:";
    public const string PostgresPrefix = "postgres:";

    /// <exception cref="ArgumentException">The location names no known backend.</exception>
    /// <exception cref="InvalidDataException">The location holds something that is not an event store.</exception>
    public static IEventStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        if (location.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = location[SqlitePrefix.Length..];
            if (path.Length == 0)
            {
                throw new ArgumentException("Store location 'sqlite:' needs a file path, e.g. sqlite:journal.db.", nameof(location));
            }

            return new SqliteEventStore(path);
        }

        foreach (var prefix in new[] { PostgresPrefix, "postgresql:" })
        {
            if (location.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return new PostgresEventStore(location[prefix.Length..]);
            }
        }

        throw new ArgumentException(
            $"Store location '{Redact(location)}' is not sqlite:PATH or postgres:CONNSTRING.", nameof(location));
    }

    private static string Redact(string location) =>
        location.Contains("password", StringComparison.OrdinalIgnoreCase) ? location[..Math.Min(12, location.Length)] + "…" : location;
}
