using System.CommandLine;
using IctEngine.Journal;

namespace IctEngine.Host;

/// <summary>The <c>--store</c> option shared by the verbs that read or write the event store.</summary>
public static class StoreOptions
{
    public const string Default = "sqlite:ict.db";

    public static Option<string> Create() => new("--store")
    {
        Description = "Event store: sqlite:PATH (embedded, default sqlite:ict.db) or postgres:CONNECTION_STRING.",
        DefaultValueFactory = _ => Default,
    };

    /// <summary>Opens the store, creating the SQLite file's folder; a bad location is a usage error.</summary>
    public static IEventStore Open(string location)
    {
        if (location.StartsWith(EventStoreFactory.SqlitePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = location[EventStoreFactory.SqlitePrefix.Length..];
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }
        else if (!location.StartsWith(EventStoreFactory.PostgresPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--store: '{location}' is neither sqlite:PATH nor postgres:CONNECTION_STRING.");
        }

        return EventStoreFactory.Open(location);
    }
}
