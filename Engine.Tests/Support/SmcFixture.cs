using System.Globalization;
using IctEngine.Core;
using IctEngine.Smc.Bars;
using NUnit.Framework;

namespace IctEngine.Tests.Support;

/// <summary>The reference library's fixtures (Engine.Tests/TestData/Smc): the EURUSD M15 input and expected outputs.</summary>
public static class SmcFixture
{
    public const int Digits = 5;

    private static Bar[]? _bars;

    public static string PathOf(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Smc", file);

    /// <summary>The 24,424 input bars (times UTC, prices in 5-digit units, tick count = the file's Volume column).</summary>
    public static Bar[] Bars => _bars ??= LoadBars();

    /// <summary>An expected output file as rows of raw cells (header dropped).</summary>
    public static string[][] Expected(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        var rows = new string[lines.Length - 1][];
        for (var i = 1; i < lines.Length; i++)
        {
            rows[i - 1] = lines[i].Split(',');
        }

        return rows;
    }

    public static long Units(string cell)
    {
        Assert.That(Price.TryParseUnits(cell.AsSpan(), Digits, out var units), Is.True, cell);
        return units;
    }

    public static double Number(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);

    private static Bar[] LoadBars()
    {
        var lines = File.ReadAllLines(PathOf("EURUSD_15M.csv"));
        var bars = new Bar[lines.Length - 1];
        for (var i = 1; i < lines.Length; i++)
        {
            var f = lines[i].Split(',');
            var time = DateTime.ParseExact(f[0], "yyyy.MM.dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var open = Timestamp.FromDateTime(DateTime.SpecifyKind(time, DateTimeKind.Utc)).UnixNanoseconds;
            bars[i - 1] = new Bar(open, open + (15 * Timestamp.NanosPerMinute), Units(f[1]), Units(f[2]), Units(f[3]), Units(f[4]), long.Parse(f[6], CultureInfo.InvariantCulture));
        }

        return bars;
    }
}
