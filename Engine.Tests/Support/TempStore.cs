using IctEngine.Journal;

namespace IctEngine.Tests.Support;

/// <summary>A SQLite event store in a temporary folder, deleted on dispose.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ict-journal-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "journal.db");
        Store = new SqliteEventStore(Path);
    }

    public string Directory { get; }

    public string Path { get; }

    public string Location => "sqlite:" + Path;

    public SqliteEventStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
