using System.Globalization;
using System.IO.Compression;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bench.Replay;

/// <summary>
/// The benchmark inputs, all made of the repository's real ticks: the bundled OANDA EURUSD sample, and long inputs
/// made by replaying it many times over with timestamps shifted by whole weeks (so sessions and weekdays stay
/// where they were; no synthetic prices).
/// </summary>
public static class BenchData
{
    private const long Week = 7 * Timestamp.NanosPerDay;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Cannot find the repository (a folder with samples/) above " + AppContext.BaseDirectory);
    }

    public static string SampleFolder() => Path.Combine(RepositoryRoot(), "samples", "lean-oanda-eurusd");

    public static Tick[] LoadSample(Instrument instrument)
    {
        using var reader = TickSources.Open([SampleFolder()], null, instrument);
        var ticks = new List<Tick>(200_000);
        var buffer = new Tick[8192];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            ticks.AddRange(buffer.AsSpan(0, n));
        }

        return [.. ticks];
    }

    /// <summary>Shift that makes repetition r follow repetition r-1, in whole weeks.</summary>
    public static long RepetitionShift(Tick[] sample)
    {
        var span = sample[^1].TimeNs - sample[0].TimeNs + 1;
        return (span + Week - 1) / Week * Week;
    }

    /// <summary><paramref name="ticks"/> real ticks in memory: the sample repeated, each repetition shifted by whole weeks.</summary>
    public static Tick[] Repeat(Tick[] sample, int ticks)
    {
        var shift = RepetitionShift(sample);
        var result = new Tick[ticks];
        for (var i = 0; i < ticks; i++)
        {
            result[i] = sample[i % sample.Length];
            result[i].TimeNs += shift * (i / sample.Length);
        }

        return result;
    }

    /// <summary>Writes <paramref name="ticks"/> real ticks (the sample repeated) to a native tick store.</summary>
    public static string WriteLongStore(Tick[] sample, Instrument instrument, long ticks, string directory)
    {
        var path = Path.Combine(directory, $"long-{ticks}.ticks");
        if (File.Exists(path))
        {
            return path;
        }

        var shift = RepetitionShift(sample);
        var chunk = new Tick[8192];
        using (var writer = new TickStoreWriter(path + ".tmp", instrument))
        {
            long written = 0;
            for (var rep = 0L; written < ticks; rep++)
            {
                for (var i = 0; i < sample.Length && written < ticks; i += chunk.Length)
                {
                    var n = (int)Math.Min(Math.Min(chunk.Length, sample.Length - i), ticks - written);
                    for (var k = 0; k < n; k++)
                    {
                        chunk[k] = sample[i + k];
                        chunk[k].TimeNs += rep * shift;
                    }

                    writer.Append(chunk.AsSpan(0, n));
                    written += n;
                }
            }

            writer.Flush();
        }

        File.Move(path + ".tmp", path);
        return path;
    }
    /// <summary>
    /// A folder of Lean daily quote zips holding at least <paramref name="ticks"/> real ticks: the sample's zips
    /// repeated, each repetition dated whole weeks later (Lean times are milliseconds since midnight, so the CSV
    /// inside is unchanged; only the dates in the names move).
    /// </summary>
    public static string WriteLongLeanFolder(Tick[] sample, long ticks, string directory)
    {
        var folder = Path.Combine(directory, $"lean-{ticks}");
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var staging = folder + ".tmp";
        Directory.CreateDirectory(staging);
        var shiftDays = (int)(RepetitionShift(sample) / Timestamp.NanosPerDay);
        var days = Directory.GetFiles(SampleFolder(), "*_quote.zip");
        Array.Sort(days, StringComparer.Ordinal);
        for (var rep = 0; (long)rep * sample.Length < ticks; rep++)
        {
            foreach (var day in days)
            {
                using var source = ZipFile.OpenRead(day);
                var entry = source.Entries[0];
                var name = Path.GetFileName(day);
                var date = DateTime.ParseExact(name[..8], "yyyyMMdd", CultureInfo.InvariantCulture).AddDays((double)rep * shiftDays);
                var stamp = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
                using var target = ZipFile.Open(Path.Combine(staging, stamp + "_quote.zip"), ZipArchiveMode.Create);
                using var input = entry.Open();
                using var output = target.CreateEntry(stamp + entry.Name[8..], CompressionLevel.Optimal).Open();
                input.CopyTo(output);
            }
        }

        Directory.Move(staging, folder);
        return folder;
    }
}
