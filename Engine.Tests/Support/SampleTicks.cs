using IctEngine.Core;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>The bundled real sample (samples/lean-oanda-eurusd), read with the engine's own Lean reader.</summary>
public static class SampleTicks
{
    public static string Directory()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !System.IO.Directory.Exists(Path.Combine(dir.FullName, "samples", "lean-oanda-eurusd")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new DirectoryNotFoundException("samples/lean-oanda-eurusd not found above the test directory.")
            : Path.Combine(dir.FullName, "samples", "lean-oanda-eurusd");
    }

    /// <summary>Every tick of the sample (or of the given day files), in time order.</summary>
    public static List<Tick> Load(string symbol = "EURUSD", params string[] days)
    {
        var instrument = InstrumentCatalog.Default.Get(symbol);
        IReadOnlyList<string> paths = days.Length == 0
            ? [Directory()]
            : [.. days.Select(d => Path.Combine(Directory(), d + "_quote.zip"))];
        using var reader = TickSources.Open(paths, TickFormat.Lean, instrument);
        var ticks = new List<Tick>();
        var buffer = new Tick[8192];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            ticks.AddRange(buffer.AsSpan(0, n));
        }

        return ticks;
    }
}
