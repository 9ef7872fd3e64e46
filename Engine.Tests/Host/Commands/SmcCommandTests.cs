using IctEngine.Host;
using IctEngine.Tests.Smc.Reference;
using NUnit.Framework;
using ReferenceFunction = IctEngine.Smc.Reference.ReferenceFunction;
using ReferenceOptions = IctEngine.Smc.Reference.ReferenceOptions;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
public sealed class SmcCommandTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "ict-smc-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void TearDown()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [TestCaseSource(typeof(SmcFixtures), nameof(SmcFixtures.Cases))]
    public void Reference_LibraryFixture_CliOutputMatchesCellForCell(string file, ReferenceFunction function, ReferenceOptions options, string[] cli)
    {
        var output = Path.Combine(_directory, file);

        var (exit, stderr) = Run(["smc", "reference", "--bars", SmcFixtures.InputPath, "--out", output, .. cli]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), stderr);
        SmcFixtures.AssertMatches(ReadTable(output), file);
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(File.ReadAllBytes(Path.Combine(SmcFixtures.Directory, file))));
    }

    [TestCase("--function", "bos-choch", "--close-break", "false", "--swing-length", "3")]
    [TestCase("--function", "ob", "--close-mitigation", "--swing-length", "7")]
    [TestCase("--function", "liquidity", "--range-percent", "0.002", "--swing-length", "4")]
    [TestCase("--function", "previous-high-low", "--time-frame", "1h")]
    [TestCase("--function", "sessions", "--session", "New York kill zone", "--time-zone", "UTC+1")]
    public void Reference_NonDefaultOptions_SameAsTheApi(params string[] cli)
    {
        var output = Path.Combine(_directory, "out.csv");
        var options = new ReferenceOptions
        {
            CloseBreak = false,
            SwingLength = cli.Contains("ob") ? 7 : cli.Contains("liquidity") ? 4 : 3,
            CloseMitigation = true,
            RangePercent = 0.002,
            TimeFrame = "1h",
            Session = "New York kill zone",
            TimeZone = "UTC+1",
        };
        var function = IctEngine.Smc.Reference.ReferenceRunner.ParseFunction(cli[1]);

        var (exit, stderr) = Run(["smc", "reference", "--bars", SmcFixtures.InputPath, "--out", output, .. cli]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), stderr);
        var expected = IctEngine.Smc.Reference.ReferenceRunner.Run(function, SmcFixtures.Bars, options).ToCsv();
        Assert.That(File.ReadAllText(output), Is.EqualTo(expected));
    }

    [Test]
    public void Reference_UnknownFunction_ExitsTwoWithOneLine()
    {
        var (exit, stderr) = Run(["smc", "reference", "--bars", SmcFixtures.InputPath, "--out", Path.Combine(_directory, "x.csv"), "--function", "breakers"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain("unknown function 'breakers'"));
    }

    [Test]
    public void Reference_CustomSessionWithoutTimes_ExitsTwo()
    {
        var (exit, stderr) = Run(["smc", "reference", "--bars", SmcFixtures.InputPath, "--out", Path.Combine(_directory, "x.csv"), "--function", "sessions", "--session", "Custom", "--start-time", "08:00"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(stderr, Does.Contain("Custom session requires"));
        Assert.That(File.Exists(Path.Combine(_directory, "x.csv")), Is.False);
    }

    [Test]
    public void Reference_CustomSessionWithTimes_WritesActiveColumn()
    {
        var bars = Path.Combine(_directory, "bars.csv");
        File.WriteAllText(bars, "Date,Open,High,Low,Close\n2024-01-01 09:45:00,1,2,0.5,1.5\n2024-01-01 10:00:00,1.5,2.5,1,2");
        var output = Path.Combine(_directory, "out.csv");

        var (exit, stderr) = Run(["smc", "reference", "--bars", bars, "--out", output, "--function", "sessions", "--session", "Custom", "--start-time", "10:00", "--end-time", "11:00"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success), stderr);
        Assert.That(File.ReadAllText(output), Is.EqualTo("Active,High,Low\n0,0.0,0.0\n1,2.5,1.0\n"));
    }

    [Test]
    public void Reference_BadCsvRow_ExitsTwoNamingLineAndField()
    {
        var bars = Path.Combine(_directory, "bad.csv");
        File.WriteAllText(bars, "Date,Open,High,Low,Close\n2024-01-01 09:45:00,1,2,0.5,oops\n");

        var (exit, stderr) = Run(["smc", "reference", "--bars", bars, "--out", Path.Combine(_directory, "x.csv"), "--function", "fvg"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(stderr, Does.Contain("bad.csv:2: Close:"));
    }

    [Test]
    public void Reference_UnsupportedTimeFrame_ExitsTwo()
    {
        var (exit, stderr) = Run(["smc", "reference", "--bars", SmcFixtures.InputPath, "--out", Path.Combine(_directory, "x.csv"), "--function", "previous-high-low", "--time-frame", "15x"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(stderr, Does.Contain("unsupported time frame '15x'"));
    }

    [Test]
    public void Reference_MissingBarsFile_ExitsTwo()
    {
        var (exit, _) = Run(["smc", "reference", "--bars", Path.Combine(_directory, "none.csv"), "--out", Path.Combine(_directory, "x.csv"), "--function", "fvg"]);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadUsage));
    }

    private static (int Exit, string Stderr) Run(string[] args)
    {
        var stderr = Console.Error;
        using var capture = new StringWriter();
        Console.SetError(capture);
        try
        {
            var exit = Program.Main([.. args, "--log-dir", string.Empty]);
            return (exit, capture.ToString());
        }
        finally
        {
            Console.SetError(stderr);
        }
    }

    private static IctEngine.Smc.Reference.ReferenceTable ReadTable(string path)
    {
        // Re-reading the written CSV as text columns lets the fixture comparer check it cell by cell.
        var lines = File.ReadAllLines(path);
        var names = lines[0].Split(',');
        var expectedTypes = TypesFor(lines[0]);
        var columns = new IctEngine.Smc.Reference.ReferenceColumn[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            var values = new double[lines.Length - 1];
            for (var r = 1; r < lines.Length; r++)
            {
                var cell = lines[r].Split(',')[c];
                values[r - 1] = cell.Length == 0 ? double.NaN : double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
            }

            columns[c] = new IctEngine.Smc.Reference.ReferenceColumn(names[c], expectedTypes[c], values);
        }

        return new IctEngine.Smc.Reference.ReferenceTable(columns);
    }

    private static IctEngine.Smc.Reference.ReferenceColumnType[] TypesFor(string header)
    {
        var bars = TestBars.HighLow([2, 3, 1], [1, 2, 0.5]);
        foreach (var function in Enum.GetValues<ReferenceFunction>())
        {
            var table = IctEngine.Smc.Reference.ReferenceRunner.Run(function, bars, new ReferenceOptions { SwingLength = 1 });
            if (table.Header == header)
            {
                return table.Columns.Select(c => c.Type).ToArray();
            }
        }

        throw new InvalidOperationException("unknown header " + header);
    }
}
