using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using IctEngine.Core;
using Serilog;

namespace IctEngine.Ticks;

/// <summary>
/// Opens tick files and folders of any supported <see cref="TickFormat"/> as one <see cref="ITickReader"/>: folders
/// are expanded to their tick files in ordinal path order (Lean <c>YYYYMMDD_*.zip</c> and Dukascopy
/// <c>YYYY/MM/DD/HHh_ticks.bi5</c> sort by date), the format of each file is detected unless given, and the files
/// are read one after another.
/// </summary>
public static partial class TickSources
{
    private static readonly ILogger Logger = Log.ForContext(typeof(TickSources));

    private static readonly string[] TickExtensions = [".zip", ".bi5", ".csv", ".txt", ".tsv", ".ticks"];

    /// <summary>Opens <paramref name="paths"/> (files and folders, in the order given) as one stream of ticks.</summary>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="FormatException">A file's format cannot be detected, or the time zone is not one.</exception>
    public static ITickReader Open(IReadOnlyList<string> paths, TickFormat? format, Instrument instrument, TickReaderOptions? options = null)
    {
        options ??= TickReaderOptions.Default;
        var zone = options.TimeZone is null ? null : SourceTimeZone.Parse(options.TimeZone);
        var sources = new List<Func<ITickReader>>();
        foreach (var path in paths)
        {
            var inFolder = Directory.Exists(path);
            foreach (var file in ExpandFiles([path]))
            {
                TickFormat fileFormat;
                try
                {
                    fileFormat = format ?? Detect(file);
                }
                catch (FormatException e) when (inFolder)
                {
                    // A folder may hold notes or reference CSVs next to the data: skip what is not ticks, say so.
                    Logger.Warning("Skipped {File}: {Reason}", file, e.Message);
                    continue;
                }

                AddSources(sources, file, fileFormat, instrument, options, zone);
            }
        }

        if (sources.Count == 0)
        {
            throw new FileNotFoundException($"No tick files in {string.Join(", ", paths)}.");
        }

        return new TickFileSequence(sources);
    }

    /// <summary>Opens one file or folder.</summary>
    public static ITickReader Open(string path, TickFormat? format, Instrument instrument, TickReaderOptions? options = null) =>
        Open([path], format, instrument, options);

    /// <summary>The files <paramref name="paths"/> stand for: files as given, folders expanded to their tick files.</summary>
    public static IReadOnlyList<string> ExpandFiles(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => TickExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant()))
                    .Select(f => (Relative: System.IO.Path.GetRelativePath(path, f).Replace('\\', '/'), Full: f))
                    .OrderBy(f => f.Relative, StringComparer.Ordinal)
                    .Select(f => f.Full)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new FileNotFoundException($"{path}: the folder holds no tick files ({string.Join(", ", TickExtensions)}).", path);
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such file or folder.", path);
            }
        }

        return files;
    }

    /// <summary>Detects the format of one file from its extension and its first bytes.</summary>
    /// <exception cref="FormatException">Not a recognised tick format.</exception>
    public static TickFormat Detect(string file)
    {
        var extension = System.IO.Path.GetExtension(file).ToLowerInvariant();
        if (extension == ".bi5")
        {
            return TickFormat.Dukascopy;
        }

        if (extension == ".zip")
        {
            return TickFormat.Lean;
        }

        using (var raw = File.OpenRead(file))
        {
            Span<byte> magic = stackalloc byte[8];
            if (raw.ReadAtLeast(magic, 8, throwOnEndOfStream: false) == 8 && magic.SequenceEqual(TickStoreFormat.FileMagic))
            {
                return TickFormat.Native;
            }
        }

        using var lines = new Utf8LineReader(Utf8LineReader.OpenText(file), 1 << 16);
        while (lines.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(line);
            if (text.StartsWith("<DATE>", StringComparison.OrdinalIgnoreCase) || Mt5Line().IsMatch(text))
            {
                return TickFormat.Mt5;
            }

            if (HistDataLine().IsMatch(text))
            {
                return TickFormat.HistData;
            }

            if (LeanLine().IsMatch(text))
            {
                return TickFormat.Lean;
            }

            break;
        }

        throw new FormatException($"{file}: cannot tell its tick format (MT5, Lean, Dukascopy, HistData or .ticks); name it with --format.");
    }

    private static void AddSources(List<Func<ITickReader>> sources, string file, TickFormat format, Instrument instrument,
        TickReaderOptions options, SourceTimeZone? zone)
    {
        switch (format)
        {
            case TickFormat.Native:
                sources.Add(() => new TickStoreReader(file, instrument));
                break;
            case TickFormat.Dukascopy:
                var hour = DukascopyHourStart(file);
                sources.Add(() => new DukascopyTickReader(file, instrument, hour));
                break;
            case TickFormat.HistData:
                sources.Add(() => new HistDataTickReader(Utf8LineReader.OpenText(file), file, instrument, options, zone ?? SourceTimeZone.FixedMinus5));
                break;
            case TickFormat.Mt5:
                sources.Add(() => new Mt5TickReader(Utf8LineReader.OpenText(file), file, instrument, options, zone ?? SourceTimeZone.Utc));
                break;
            case TickFormat.Lean:
                AddLeanSources(sources, file, instrument, options, zone ?? LeanDefaultZone(file));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown tick format.");
        }
    }

    private static void AddLeanSources(List<Func<ITickReader>> sources, string file, Instrument instrument, TickReaderOptions options,
        SourceTimeZone zone)
    {
        if (!System.IO.Path.GetExtension(file).Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            var day = LeanDay(System.IO.Path.GetFileName(file), file);
            sources.Add(() => new LeanTickReader(Utf8LineReader.OpenText(file), file, instrument, options, day, zone));
            return;
        }

        List<string> entries;
        using (var zip = ZipFile.OpenRead(file))
        {
            entries = zip.Entries.Where(e => e.Length > 0 || e.Name.Length > 0).Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        }

        if (entries.Count == 0)
        {
            throw new InvalidDataException($"{file}: the zip is empty.");
        }

        foreach (var entryName in entries)
        {
            var day = LeanDay(System.IO.Path.GetFileName(entryName), file, System.IO.Path.GetFileName(file));
            var display = $"{file}!{entryName}";
            sources.Add(() =>
            {
                var zip = ZipFile.OpenRead(file);
                try
                {
                    var entry = zip.GetEntry(entryName)!;
                    return new LeanTickReader(entry.Open(), display, instrument, options, day, zone, owner: zip);
                }
                catch
                {
                    zip.Dispose();
                    throw;
                }
            });
        }
    }

    /// <summary>FXCM Lean data is stamped in fixed UTC-5, OANDA's in UTC (Lean's market-hours database).</summary>
    private static SourceTimeZone LeanDefaultZone(string file) =>
        file.Contains("fxcm", StringComparison.OrdinalIgnoreCase) ? SourceTimeZone.FixedMinus5 : SourceTimeZone.Utc;

    /// <summary>Local midnight of a Lean file's date, from the <c>YYYYMMDD</c> its name starts with.</summary>
    private static long LeanDay(string name, string file, string? fallbackName = null)
    {
        foreach (var candidate in new[] { name, fallbackName })
        {
            if (candidate is null)
            {
                continue;
            }

            var match = LeanDate().Match(candidate);
            if (match.Success
                && TickFieldParser.TryDateToUnixNanos(int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value),
                    int.Parse(match.Groups[3].Value), out var day))
            {
                return day;
            }
        }

        throw new FormatException($"{file}: a Lean tick file's name must start with its date (YYYYMMDD_...).");
    }

    /// <summary>
    /// Start of a Dukascopy hour file in UTC: from a <c>YYYY/MM/DD/HHh_ticks.bi5</c> path, whose month is 0-based,
    /// or from <c>HHh_ticks.bi5</c> below a folder whose name holds the date as <c>yyyy-MM-dd</c> (1-based).
    /// </summary>
    internal static long DukascopyHourStart(string file)
    {
        var normalized = System.IO.Path.GetFullPath(file).Replace('\\', '/');
        var full = DukascopyPath().Match(normalized);
        int year, month, day, hour;
        if (full.Success)
        {
            year = int.Parse(full.Groups[1].Value);
            month = int.Parse(full.Groups[2].Value) + 1;
            day = int.Parse(full.Groups[3].Value);
            hour = int.Parse(full.Groups[4].Value);
        }
        else
        {
            var hourOnly = DukascopyHour().Match(normalized);
            var dated = hourOnly.Success ? IsoDateInFolder().Match(System.IO.Path.GetDirectoryName(normalized) ?? "") : Match.Empty;
            if (!dated.Success)
            {
                throw new FormatException(
                    $"{file}: a Dukascopy file must be YYYY/MM/DD/HHh_ticks.bi5 (0-based month) or HHh_ticks.bi5 in a folder named with its yyyy-MM-dd date.");
            }

            year = int.Parse(dated.Groups[1].Value);
            month = int.Parse(dated.Groups[2].Value);
            day = int.Parse(dated.Groups[3].Value);
            hour = int.Parse(hourOnly.Groups[1].Value);
        }

        if (hour > 23 || !TickFieldParser.TryDateToUnixNanos(year, month, day, out var midnight))
        {
            throw new FormatException($"{file}: {year}-{month:00}-{day:00} {hour:00}h is not a valid date and hour (Dukascopy months are 0-based).");
        }

        return midnight + (hour * Timestamp.NanosPerHour);
    }

    [GeneratedRegex(@"^\d{4}\.\d{2}\.\d{2}\t\d{2}:\d{2}:\d{2}\.\d{3}\t")]
    private static partial Regex Mt5Line();

    [GeneratedRegex(@"^\d{8} \d{9},")]
    private static partial Regex HistDataLine();

    [GeneratedRegex(@"^\d+(\.\d+)?,\d+(\.\d+)?,\d+(\.\d+)?$")]
    private static partial Regex LeanLine();

    [GeneratedRegex(@"^(\d{4})(\d{2})(\d{2})")]
    private static partial Regex LeanDate();

    [GeneratedRegex(@"/(\d{4})/(\d{2})/(\d{2})/(\d{2})h_ticks\.bi5$", RegexOptions.IgnoreCase)]
    private static partial Regex DukascopyPath();

    [GeneratedRegex(@"/(\d{2})h_ticks\.bi5$", RegexOptions.IgnoreCase)]
    private static partial Regex DukascopyHour();

    [GeneratedRegex(@"(\d{4})-(\d{2})-(\d{2})(?!.*\d{4}-\d{2}-\d{2})")]
    private static partial Regex IsoDateInFolder();
}
