using System.IO.Compression;
using System.Text;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// Reads Lean quote tick zips (<c>YYYYMMDD_quote.zip</c>, one CSV <c>ms_since_midnight,bid,ask</c> inside, UTC) for
/// the terminal simulator. Deliberately minimal: the Ticks readers are the engine's general-purpose importers.
/// </summary>
public static class LeanQuoteZipReader
{
    /// <summary>Reads one zip, or every <c>*_quote.zip</c> of a folder in name (date) order.</summary>
    public static Tick[] Read(string path, int digits)
    {
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "*_quote.zip");
            Array.Sort(files, StringComparer.Ordinal);
        }
        else if (File.Exists(path))
        {
            files = [path];
        }
        else
        {
            throw new FileNotFoundException($"{path}: no such tick file or folder.", path);
        }

        var ticks = new List<Tick>();
        foreach (var file in files)
        {
            ReadZip(file, digits, ticks);
        }

        return [.. ticks];
    }

    private static void ReadZip(string file, int digits, List<Tick> ticks)
    {
        var name = Path.GetFileName(file);
        if (name.Length < 8 || !DateOnly.TryParseExact(name[..8], "yyyyMMdd", out var date))
        {
            throw new TickFormatException(file, 0, "file name", "expected YYYYMMDD_quote.zip (the date is not in the rows)");
        }

        var dayNs = Timestamp.FromDateTime(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).UnixNanoseconds;
        using var zip = ZipFile.OpenRead(file);
        var entry = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            ?? throw new TickFormatException(file, 0, "zip", "no .csv entry");
        using var reader = new StreamReader(entry.Open(), Encoding.ASCII);
        long lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 3)
            {
                throw new TickFormatException(file, lineNumber, "row", $"expected ms,bid,ask, got '{line}'");
            }

            if (!long.TryParse(parts[0], out var ms) || ms < 0 || ms >= 86_400_000)
            {
                throw new TickFormatException(file, lineNumber, "ms_since_midnight", $"'{parts[0]}' is not 0..86399999");
            }

            if (!Price.TryParseUnits(parts[1].AsSpan(), digits, out var bid))
            {
                throw new TickFormatException(file, lineNumber, "bid", $"'{parts[1]}' is not a price with {digits} decimals");
            }

            if (!Price.TryParseUnits(parts[2].AsSpan(), digits, out var ask))
            {
                throw new TickFormatException(file, lineNumber, "ask", $"'{parts[2]}' is not a price with {digits} decimals");
            }

            ticks.Add(new Tick(dayNs + (ms * Timestamp.NanosPerMillisecond), bid, ask));
        }
    }
}
