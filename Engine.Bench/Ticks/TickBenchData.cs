using System.Globalization;
using System.IO.Compression;
using System.Text;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bench.Ticks;

/// <summary>
/// Real tick text for the parsing benchmarks: the bundled OANDA EURUSD Lean days (samples/), held in memory as Lean
/// CSV and converted to HistData layout (same quotes), repeated until the requested number of lines.
/// </summary>
public sealed class TickBenchData
{
    private TickBenchData(byte[] lean, byte[] histData, int lines)
    {
        Lean = lean;
        HistData = histData;
        Lines = lines;
    }

    public static Instrument Eurusd => InstrumentCatalog.Default.Get("EURUSD");

    public byte[] Lean { get; }

    public byte[] HistData { get; }

    public int Lines { get; }

    public static TickBenchData Load(int lines)
    {
        var rows = new List<string>();
        foreach (var zip in Directory.GetFiles(SamplesDir(), "*.zip").Order(StringComparer.Ordinal))
        {
            using var archive = ZipFile.OpenRead(zip);
            using var reader = new StreamReader(archive.Entries[0].Open());
            while (reader.ReadLine() is { Length: > 0 } line)
            {
                rows.Add(line);
            }
        }

        var lean = new StringBuilder();
        var hist = new StringBuilder();
        for (var i = 0; i < lines; i++)
        {
            var row = rows[i % rows.Count];
            lean.Append(row).Append('\n');
            var parts = row.Split(',');
            var ms = long.Parse(parts[0], CultureInfo.InvariantCulture);
            var time = new DateTime(2014, 5, 2).AddMilliseconds(ms);
            hist.Append(time.ToString("yyyyMMdd HHmmssfff", CultureInfo.InvariantCulture)).Append(',')
                .Append(parts[1]).Append('0').Append(',').Append(parts[2]).Append('0').Append(",0\n");
        }

        return new TickBenchData(Encoding.ASCII.GetBytes(lean.ToString()), Encoding.ASCII.GetBytes(hist.ToString()), lines);
    }

    /// <summary>Parses <see cref="Lean"/> with the engine's reader; returns the ticks read.</summary>
    public long ParseLean(Tick[] buffer)
    {
        using var reader = new LeanTickReader(new MemoryStream(Lean, writable: false), "bench", Eurusd, TickReaderOptions.Default, 0, SourceTimeZone.Utc);
        return Drain(reader, buffer);
    }

    /// <summary>Parses <see cref="HistData"/> with the engine's reader.</summary>
    public long ParseHistData(Tick[] buffer)
    {
        using var reader = new HistDataTickReader(new MemoryStream(HistData, writable: false), "bench", Eurusd, TickReaderOptions.Default, SourceTimeZone.FixedMinus5);
        return Drain(reader, buffer);
    }

    /// <summary>The naive baseline: a string per line, <see cref="string.Split(char, StringSplitOptions)"/>, <see cref="double.Parse(string, IFormatProvider)"/>.</summary>
    public long ParseLeanNaive(Tick[] buffer)
    {
        using var reader = new StreamReader(new MemoryStream(Lean, writable: false));
        long n = 0;
        var i = 0;
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            var ms = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var bid = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var ask = double.Parse(parts[2], CultureInfo.InvariantCulture);
            buffer[i] = new Tick((long)(ms * 1_000_000), (long)Math.Round(bid * 100_000), (long)Math.Round(ask * 100_000));
            i = (i + 1) % buffer.Length;
            n++;
        }

        return n;
    }

    /// <summary>The naive baseline for HistData: string split, <see cref="DateTime.ParseExact(string, string, IFormatProvider)"/>, double prices.</summary>
    public long ParseHistDataNaive(Tick[] buffer)
    {
        using var reader = new StreamReader(new MemoryStream(HistData, writable: false));
        long n = 0;
        var i = 0;
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(',');
            var time = DateTime.ParseExact(parts[0], "yyyyMMdd HHmmssfff", CultureInfo.InvariantCulture);
            var bid = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var ask = double.Parse(parts[2], CultureInfo.InvariantCulture);
            buffer[i] = new Tick(time.Ticks * 100, (long)Math.Round(bid * 100_000), (long)Math.Round(ask * 100_000));
            i = (i + 1) % buffer.Length;
            n++;
        }

        return n;
    }

    /// <summary>Writes a store of <paramref name="ticks"/> real-valued ticks (the Lean data, repeated) for read benchmarks.</summary>
    public static string WriteStore(long ticks)
    {
        var data = Load(100_000);
        var buffer = new Tick[8192];
        var source = new List<Tick>();
        using (var reader = new LeanTickReader(new MemoryStream(data.Lean), "bench", Eurusd, TickReaderOptions.Default, 0, SourceTimeZone.Utc))
        {
            int n;
            while ((n = reader.Read(buffer)) > 0)
            {
                source.AddRange(buffer.AsSpan(0, n));
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"bench-{Environment.ProcessId}.ticks");
        File.Delete(path);
        using var writer = new TickStoreWriter(path, Eurusd);
        var span = source.ToArray();
        for (long written = 0; written < ticks; written += span.Length)
        {
            writer.Append(span.AsSpan(0, (int)Math.Min(span.Length, ticks - written)));
        }

        return path;
    }

    /// <summary>Reads a whole store; returns the ticks read.</summary>
    public static long ReadStore(string path, Tick[] buffer)
    {
        using var reader = new TickStoreReader(path);
        return Drain(reader, buffer);
    }

    private static long Drain(ITickReader reader, Tick[] buffer)
    {
        long total = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    private static string SamplesDir()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Build.props")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return Path.Combine(dir ?? throw new DirectoryNotFoundException("Run the benchmarks from inside the repository (samples/ is needed)."),
            "samples", "lean-oanda-eurusd");
    }
}
