using System.Globalization;
using System.IO.Compression;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bench.Smc;

/// <summary>The bundled OANDA EURUSD sample (samples/lean-oanda-eurusd) as ticks, for benchmarks.</summary>
public static class SampleTicks
{
    /// <summary>Finds samples/lean-oanda-eurusd above the working or base directory.</summary>
    public static string Directory()
    {
        foreach (var root in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples", "lean-oanda-eurusd");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("samples/lean-oanda-eurusd not found; run from the repository.");
    }

    public static Tick[] Load(int symbolId)
    {
        var ticks = new List<Tick>();
        foreach (var zipPath in System.IO.Directory.GetFiles(Directory(), "*_quote.zip").Order(StringComparer.Ordinal))
        {
            var day = DateTime.ParseExact(Path.GetFileName(zipPath)[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var dayNs = Timestamp.FromDateTime(DateTime.SpecifyKind(day, DateTimeKind.Utc)).UnixNanoseconds;
            using var archive = ZipFile.OpenRead(zipPath);
            using var text = new StreamReader(archive.Entries[0].Open());
            for (var row = text.ReadLine(); row is not null; row = text.ReadLine())
            {
                var parts = row.Split(',');
                var offset = (long)(decimal.Parse(parts[0], CultureInfo.InvariantCulture) * Timestamp.NanosPerMillisecond);
                ticks.Add(new Tick(dayNs + offset, Price.Parse(parts[1], 5).Units, Price.Parse(parts[2], 5).Units, symbolId));
            }
        }

        return [.. ticks];
    }
}
