using IctEngine.Core;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>Paths of the bundled tick test data and of the shared datasets (present in CI, absent for users).</summary>
public static class TickTestData
{
    public static string Dir => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Ticks");

    public static string File(params string[] parts) => Path.Combine([Dir, .. parts]);

    public static Instrument Instrument(string symbol) => InstrumentCatalog.Default.Get(symbol);

    /// <summary>The shared tick datasets beside the repository, or <see cref="Assert.Ignore(string)"/>.</summary>
    public static string SharedTicksOrIgnore()
    {
        var dir = TestContext.CurrentContext.TestDirectory;
        while (dir is not null && !System.IO.File.Exists(Path.Combine(dir, "Directory.Build.props")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        // ICT_SHARED_DATA points at a shared/data folder elsewhere (a worktree layout); CI has it beside the repo.
        var overridden = Environment.GetEnvironmentVariable("ICT_SHARED_DATA");
        var shared = !string.IsNullOrEmpty(overridden)
            ? Path.Combine(overridden, "ticks")
            : dir is null ? null : Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "ticks"));
        if (shared is null || !Directory.Exists(shared))
        {
            Assert.Ignore("The shared tick datasets (<repo>/../shared/data or $ICT_SHARED_DATA) are not present.");
        }

        return shared!;
    }

    /// <summary>Reads everything, in batches of an odd size to exercise batch boundaries.</summary>
    public static List<Tick> ReadAll(ITickReader reader, int batch = 777)
    {
        var result = new List<Tick>();
        var buffer = new Tick[batch];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            result.AddRange(buffer.AsSpan(0, n));
        }

        return result;
    }

    public static List<Tick> ReadAll(string path, string symbol, TickFormat? format = null, TickReaderOptions? options = null)
    {
        using var reader = TickSources.Open(path, format, Instrument(symbol), options);
        return ReadAll(reader);
    }

    public static long Utc(string text) => Timestamp.Parse(text).UnixNanoseconds;

    /// <summary>A scratch folder removed by the caller.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ict-ticks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
