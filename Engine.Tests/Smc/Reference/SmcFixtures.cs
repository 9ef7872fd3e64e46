using System.Globalization;
using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

/// <summary>
/// The 11 expected outputs of the smartmoneyconcepts test suite (TestData/Smc, MIT, see PROVENANCE.md) with the
/// call that produced each, and the cell-for-cell comparison the task asks for (float32 columns compared after
/// rounding to float32).
/// </summary>
internal static class SmcFixtures
{
    public static string Directory => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Smc");

    public static string InputPath => Path.Combine(Directory, "EURUSD_15M.csv");

    private static readonly Lazy<OhlcSeries> LazyBars = new(() => OhlcCsvReader.Read(InputPath));

    public static OhlcSeries Bars => LazyBars.Value;

    /// <summary>File name, function, options and CLI arguments of every fixture.</summary>
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("swing_highs_lows_result_data.csv", ReferenceFunction.SwingHighsLows, new() { SwingLength = 5 }, "--function", "swing-highs-lows", "--swing-length", "5");
        yield return Case("fvg_result_data.csv", ReferenceFunction.Fvg, new(), "--function", "fvg");
        yield return Case("fvg_consecutive_result_data.csv", ReferenceFunction.Fvg, new() { JoinConsecutive = true }, "--function", "fvg", "--join-consecutive");
        yield return Case("bos_choch_result_data.csv", ReferenceFunction.BosChoch, new() { SwingLength = 5 }, "--function", "bos-choch", "--swing-length", "5");
        yield return Case("ob_result_data.csv", ReferenceFunction.OrderBlocks, new() { SwingLength = 5 }, "--function", "ob", "--swing-length", "5");
        yield return Case("liquidity_result_data.csv", ReferenceFunction.Liquidity, new() { SwingLength = 5 }, "--function", "liquidity", "--swing-length", "5");
        yield return Case("previous_high_low_result_data_4h.csv", ReferenceFunction.PreviousHighLow, new() { TimeFrame = "4h" }, "--function", "previous-high-low", "--time-frame", "4h");
        yield return Case("previous_high_low_result_data_1D.csv", ReferenceFunction.PreviousHighLow, new() { TimeFrame = "1D" }, "--function", "previous-high-low", "--time-frame", "1D");
        yield return Case("previous_high_low_result_data_W.csv", ReferenceFunction.PreviousHighLow, new() { TimeFrame = "W" }, "--function", "previous-high-low", "--time-frame", "W");
        yield return Case("sessions_result_data.csv", ReferenceFunction.Sessions, new() { Session = "London" }, "--function", "sessions", "--session", "London");
        yield return Case("retracements_result_data.csv", ReferenceFunction.Retracements, new() { SwingLength = 5 }, "--function", "retracements", "--swing-length", "5");
    }

    /// <summary>
    /// Asserts header and every cell equal: float32 columns as singles, everything else as exact text; reports the
    /// first differing cells by row and column.
    /// </summary>
    public static void AssertMatches(ReferenceTable actual, string expectedFile)
    {
        var expected = File.ReadAllLines(Path.Combine(Directory, expectedFile));
        Assert.That(actual.Header, Is.EqualTo(expected[0]), "header");
        Assert.That(actual.RowCount, Is.EqualTo(expected.Length - 1), "rows");
        var differences = new List<string>();
        var count = 0;
        for (var row = 0; row < actual.RowCount; row++)
        {
            var cells = expected[row + 1].Split(',');
            Assert.That(cells, Has.Length.EqualTo(actual.Columns.Count), $"fields in row {row}");
            for (var c = 0; c < cells.Length; c++)
            {
                var column = actual.Columns[c];
                if (!CellEquals(column.Type, column.Format(row), cells[c]))
                {
                    count++;
                    if (differences.Count < 10)
                    {
                        differences.Add($"row {row} {column.Name}: expected '{cells[c]}', got '{column.Format(row)}'");
                    }
                }
            }
        }

        Assert.That(count, Is.Zero, string.Join("; ", differences));
    }

    public static bool CellEquals(ReferenceColumnType type, string actual, string expected)
    {
        if (type != ReferenceColumnType.Float32 || actual.Length == 0 || expected.Length == 0)
        {
            return actual == expected;
        }

        return (float)double.Parse(actual, CultureInfo.InvariantCulture) == (float)double.Parse(expected, CultureInfo.InvariantCulture);
    }

    private static TestCaseData Case(string file, ReferenceFunction function, ReferenceOptions options, params string[] cli) =>
        new TestCaseData(file, function, options, cli).SetArgDisplayNames(file);
}
