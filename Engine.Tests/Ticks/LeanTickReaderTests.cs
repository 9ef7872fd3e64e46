using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class LeanTickReaderTests
{
    [Test]
    public void Read_OandaEurusdZip_ReadsEveryLineInUtc()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-oanda-eurusd", "20140502_quote.zip"), "EURUSD");

        var expectedLines = CountZipLines(TickTestData.File("lean-oanda-eurusd", "20140502_quote.zip"));
        Assert.That(ticks, Has.Count.EqualTo(expectedLines));
        Assert.That(ticks[0].TimeNs, Is.GreaterThanOrEqualTo(TickTestData.Utc("2014-05-02 00:00:00")));
        Assert.That(ticks[^1].TimeNs, Is.LessThan(TickTestData.Utc("2014-05-03 00:00:00")));
        Assert.That(ticks.All(t => t.SymbolId == TickTestData.Instrument("EURUSD").Id && t.Bid > 100_000 && t.Ask >= t.Bid), Is.True);
    }

    [Test]
    public void Read_FxcmZip_ShiftsFixedUtcMinus5()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-fxcm-eurusd", "20140502_quote.zip"), "EURUSD");

        // The first FXCM tick of each file is just after 00:00 EST = 05:00 UTC.
        Assert.That(ticks[0].TimeNs, Is.GreaterThanOrEqualTo(TickTestData.Utc("2014-05-02 05:00:00")));
        Assert.That(ticks[0].TimeNs, Is.LessThan(TickTestData.Utc("2014-05-02 05:01:00")));
    }

    [Test]
    public void Read_XauusdFractionalMilliseconds_KeepsTheFraction()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-oanda-xauusd", "20140502_quote.zip"), "XAUUSD");

        Assert.That(ticks.Count(t => t.TimeNs % 1_000_000 != 0), Is.GreaterThan(ticks.Count / 2));
        Assert.That(ticks.Select(t => t.TimeNs), Is.Ordered);
    }

    [Test]
    public void Read_MalformedLine_ThrowsWithFileLineAndField()
    {
        var dir = TickTestData.TempDir();
        try
        {
            var file = Path.Combine(dir, "20140502_eurusd_tick_quote.csv");
            File.WriteAllText(file, "292,1.38676,1.38686\n293,1.3867x,1.38686\n");

            var e = Assert.Throws<TickFormatException>(() => TickTestData.ReadAll(file, "EURUSD", TickFormat.Lean));

            Assert.That(e!.Line, Is.EqualTo(2));
            Assert.That(e.Field, Is.EqualTo("bid"));
            Assert.That(e.File, Is.EqualTo(file));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Read_SkipBadLines_CountsThemAndKeepsTheRest()
    {
        var dir = TickTestData.TempDir();
        try
        {
            var file = Path.Combine(dir, "20140502_eurusd_tick_quote.csv");
            File.WriteAllText(file, "292,1.38676,1.38686\nbad\n300,1.38677,1.38687,9\n86400000,1.3,1.4\n301,1.38678,1.38688\n");
            using var reader = TickSources.Open(file, TickFormat.Lean, TickTestData.Instrument("EURUSD"), new TickReaderOptions { SkipBadLines = true });

            var ticks = TickTestData.ReadAll(reader);

            Assert.That(ticks.Select(t => t.Bid), Is.EqualTo(new long[] { 138676, 138678 }));
            Assert.That(reader.BadLines, Is.EqualTo(3));
            Assert.That(ticks[0].TimeNs, Is.EqualTo(TickTestData.Utc("2014-05-02 00:00:00.292")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static int CountZipLines(string zip)
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries[0].Open());
        var n = 0;
        while (reader.ReadLine() is { Length: > 0 })
        {
            n++;
        }

        return n;
    }
}
