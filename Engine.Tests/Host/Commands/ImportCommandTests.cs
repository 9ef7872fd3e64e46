using System.Text.Json;
using IctEngine.Host;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Commands;

[TestFixture]
[NonParallelizable]
public sealed class ImportCommandTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = TickTestData.TempDir();

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, true);

    [Test]
    public void Main_LeanDayToCsv_WritesCsvAndSummaryJson()
    {
        var csv = Path.Combine(_dir, "eurusd.csv");
        var json = Path.Combine(_dir, "summary.json");

        var (code, stdout, _) = Ict("import", TickTestData.File("lean-oanda-eurusd"), "--symbol", "EURUSD", "--out", csv, "--summary-json", json);

        Assert.That(code, Is.EqualTo(ExitCodes.Success));
        var lines = File.ReadAllLines(csv);
        Assert.That(lines[0], Is.EqualTo("utc_time,bid,ask,bid_volume,ask_volume"));
        Assert.That(lines[1], Does.Match(@"^2014-05-02 00:00:\d\d\.\d{3},1\.\d{5},1\.\d{5},0\.0,0\.0$"));
        var summary = Summary(json);
        Assert.That(summary.Ticks, Is.EqualTo(lines.Length - 1));
        Assert.That(summary.FirstUtc, Does.StartWith("2014-05-02T00:00:"));
        Assert.That(summary.BadLines, Is.Zero);
        Assert.That(stdout, Does.Contain("ticks").And.Contain("first (UTC)"));
    }

    [Test]
    public void Main_TicksStoreAsInput_ExportsTheSameTicks()
    {
        var store = Path.Combine(_dir, "gbpjpy.ticks");
        var csv = Path.Combine(_dir, "gbpjpy.csv");

        Assert.That(Ict("import", TickTestData.File("dukascopy"), "--symbol", "GBPJPY", "--out", store).Code, Is.EqualTo(0));
        Assert.That(Ict("import", store, "--symbol", "GBPJPY", "--out", csv).Code, Is.EqualTo(0));

        Assert.That(TickStoreReader.CountTicks(store), Is.EqualTo(58_953));
        Assert.That(File.ReadLines(csv).Skip(1).First(), Is.EqualTo("2012-12-03 00:00:01.883,132.141,132.158,1.13,1.5"));
    }

    [Test]
    public void Main_Mt5WithServerTz_ConvertsToUtc()
    {
        var json = Path.Combine(_dir, "s.json");

        var result = Ict("import", TickTestData.File("mt5", "EURUSD_ticks_utf16.tsv"), "--symbol", "EURUSD", "--out", Path.Combine(_dir, "o.ticks"),
            "--server-tz", "+02:00", "--format", "mt5", "--summary-json", json);

        Assert.That(result.Code, Is.EqualTo(0), result.Stderr);
        Assert.That(Summary(json).FirstUtc, Is.EqualTo("2020-01-01T22:00:00.065000000Z"));
    }

    [Test]
    public void Main_BadLine_ExitsTwoNamingFileAndLine()
    {
        var file = Path.Combine(_dir, "20140502_x.csv");
        File.WriteAllText(file, "1,1.1,1.2\n2,1.1,oops\n");

        var (code, _, stderr) = Ict("import", file, "--symbol", "EURUSD", "--out", Path.Combine(_dir, "o.csv"));

        Assert.That(code, Is.EqualTo(ExitCodes.BadUsage));
        Assert.That(stderr, Does.Contain(file + ":2: ask:"));
        Assert.That(File.Exists(Path.Combine(_dir, "o.csv")), Is.False, "no half-written output");
    }

    [Test]
    public void Main_SkipBadLines_CountsThemInTheSummary()
    {
        var file = Path.Combine(_dir, "20140502_x.csv");
        File.WriteAllText(file, "1,1.1,1.2\n2,1.1,oops\n3,1.1,1.2\n");
        var json = Path.Combine(_dir, "s.json");

        var (code, _, _) = Ict("import", file, "--symbol", "EURUSD", "--out", Path.Combine(_dir, "o.csv"), "--skip-bad-lines", "--summary-json", json);

        Assert.That(code, Is.EqualTo(0));
        Assert.That((Summary(json).Ticks, Summary(json).BadLines), Is.EqualTo((2L, 1L)));
    }

    [TestCase("--symbol", "NOPE")]
    [TestCase("--format", "excel")]
    [TestCase("--server-tz", "Mars/Base")]
    public void Main_BadOption_ExitsTwo(string option, string value)
    {
        var args = new List<string> { "import", TickTestData.File("histdata"), "--symbol", "EURUSD", "--out", Path.Combine(_dir, "o.ticks") };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        Assert.That(Ict([.. args]).Code, Is.EqualTo(ExitCodes.BadUsage));
    }

    [TestCase("lean-oanda-eurusd", "EURUSD", 532_903L, "2014-05-01 00:00:00.292", "2014-05-15 23:59:56.324")]
    [TestCase("lean-fxcm-eurusd", "EURUSD", 1_144_807L, "2014-05-01 05:00:01.787", "2014-05-16 04:59:59.718")]
    [TestCase("lean-oanda-nzdusd", "NZDUSD", 457_699L, "2014-05-01 00:00:02.230", "2014-05-15 23:59:53.450")]
    [TestCase("lean-fxcm-nzdusd", "NZDUSD", 939_205L, "2014-05-01 05:00:00.039", "2014-05-16 04:59:59.730")]
    [TestCase("lean-oanda-xauusd", "XAUUSD", 2_022_969L, "2014-05-01 00:00:00.043", "2014-05-15 23:59:54.766")]
    [TestCase("dukascopy-gbpjpy-2012-12-03", "GBPJPY", 58_953L, "2012-12-03 00:00:01.883", "2012-12-03 23:59:59.629")]
    [TestCase("histdata-eurusd-2020-01-sample", "EURUSD", 9_500L, "2020-01-01 22:00:00.065", "2020-01-02 04:00:52.125")]
    public void Main_SharedDataset_ReportsTheProvenanceCountsAndRange(string folder, string symbol, long ticks, string first, string last)
    {
        var shared = TickTestData.SharedTicksOrIgnore();
        var json = Path.Combine(_dir, "s.json");

        var result = Ict("import", Path.Combine(shared, folder), "--symbol", symbol, "--out", Path.Combine(_dir, "o.ticks"), "--summary-json", json);

        Assert.That(result.Code, Is.EqualTo(0), result.Stderr);
        var summary = Summary(json);
        Assert.That(summary.Ticks, Is.EqualTo(ticks));
        Assert.That(summary.FirstUtc, Does.StartWith(first.Replace(' ', 'T')));
        Assert.That(summary.LastUtc, Does.StartWith(last.Replace(' ', 'T')));
        Assert.That(TickStoreReader.CountTicks(Path.Combine(_dir, "o.ticks")), Is.EqualTo(ticks));
    }

    private static (long Ticks, string FirstUtc, string LastUtc, long BadLines) Summary(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        return (root.GetProperty("ticks").GetInt64(), root.GetProperty("firstUtc").GetString()!, root.GetProperty("lastUtc").GetString()!,
            root.GetProperty("badLines").GetInt64());
    }

    private static (int Code, string Stdout, string Stderr) Ict(params string[] args)
    {
        var stdout = Console.Out;
        var stderr = Console.Error;
        using var capturedOut = new StringWriter();
        using var capturedErr = new StringWriter();
        Console.SetOut(capturedOut);
        Console.SetError(capturedErr);
        try
        {
            var code = Program.Main([.. args, "--log-dir", ""]);
            return (code, capturedOut.ToString(), capturedErr.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
