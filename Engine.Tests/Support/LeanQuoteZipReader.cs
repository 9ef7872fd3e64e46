using System.Globalization;
using System.IO.Compression;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>
/// Test-only reader for Lean quote tick zips (<c>YYYYMMDD_quote.zip</c> holding rows <c>ms_since_midnight,bid,ask</c>,
/// UTC): enough to drive the SMC stage with the bundled sample until the engine's own readers exist.
/// </summary>
public static class LeanQuoteZipReader
{
    public static string SampleDirectory()
    {
        var dir = new DirectoryInfo(NUnit.Framework.TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "samples", "lean-oanda-eurusd")))
        {
            dir = dir.Parent;
        }

        return dir is null ? throw new DirectoryNotFoundException("samples/lean-oanda-eurusd not found above the test directory.") : Path.Combine(dir.FullName, "samples", "lean-oanda-eurusd");
    }

    /// <summary>Every tick of every zip in the directory, in file (date) order.</summary>
    public static List<Tick> ReadAll(string directory, int digits, int symbolId = 0)
    {
        var ticks = new List<Tick>();
        foreach (var path in Directory.GetFiles(directory, "*_quote.zip").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            var date = DateTime.ParseExact(name[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var midnight = Timestamp.FromDateTime(DateTime.SpecifyKind(date, DateTimeKind.Utc)).UnixNanoseconds;
            using var zip = ZipFile.OpenRead(path);
            using var reader = new StreamReader(zip.Entries[0].Open());
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                var f = line.Split(',');
                var ms = decimal.Parse(f[0], CultureInfo.InvariantCulture);
                var time = midnight + (long)(ms * Timestamp.NanosPerMillisecond);
                ticks.Add(new Tick(time, Price.Parse(f[1], digits).Units, Price.Parse(f[2], digits).Units, symbolId));
            }
        }

        return ticks;
    }
}
