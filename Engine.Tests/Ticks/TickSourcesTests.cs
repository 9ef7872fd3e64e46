using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class TickSourcesTests
{
    [TestCase("lean-oanda-eurusd/20140502_quote.zip", TickFormat.Lean)]
    [TestCase("dukascopy/GBPJPY/2012/11/03/00h_ticks.bi5", TickFormat.Dukascopy)]
    [TestCase("histdata/DAT_ASCII_EURUSD_T_202001_first9500.csv", TickFormat.HistData)]
    [TestCase("mt5/EURUSD_ticks_utf8.tsv", TickFormat.Mt5)]
    [TestCase("mt5/EURUSD_ticks_utf16.tsv", TickFormat.Mt5)]
    public void Detect_BundledFile_IsItsFormat(string relative, TickFormat expected)
    {
        Assert.That(TickSources.Detect(TickTestData.File(relative.Split('/'))), Is.EqualTo(expected));
    }

    [Test]
    public void Detect_UnknownText_ThrowsFormatException()
    {
        var file = Path.Combine(Path.GetTempPath(), $"x-{Guid.NewGuid():N}.csv");
        File.WriteAllText(file, "utc_time,bid,ask\n");
        try
        {
            Assert.That(() => TickSources.Detect(file), Throws.InstanceOf<FormatException>().With.Message.Contain("--format"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Open_MissingPath_ThrowsFileNotFound()
    {
        Assert.That(() => TickSources.Open("/no/such/ticks", null, TickTestData.Instrument("EURUSD")), Throws.InstanceOf<FileNotFoundException>());
    }

    [Test]
    public void Open_FolderOfHours_ReadsInTimeOrder()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("dukascopy"), "GBPJPY");

        Assert.That(ticks, Has.Count.EqualTo(58_953));
        Assert.That(ticks.Select(t => t.TimeNs), Is.Ordered);
    }

    [Test]
    public void DukascopyHourStart_ZeroBasedMonthPath_IsDecember()
    {
        var start = TickSources.DukascopyHourStart("/data/GBPJPY/2012/11/03/15h_ticks.bi5");

        Assert.That(start, Is.EqualTo(TickTestData.Utc("2012-12-03 15:00:00")));
    }

    [Test]
    public void DukascopyHourStart_DatedFolder_UsesItsDate()
    {
        var start = TickSources.DukascopyHourStart("/data/dukascopy-gbpjpy-2012-12-03/bi5/07h_ticks.bi5");

        Assert.That(start, Is.EqualTo(TickTestData.Utc("2012-12-03 07:00:00")));
    }

    [Test]
    public void Open_FormatOverride_IsUsed()
    {
        var zip = TickTestData.File("lean-oanda-eurusd", "20140502_quote.zip");

        Assert.That(() => TickTestData.ReadAll(zip, "EURUSD", TickFormat.Native), Throws.InstanceOf<InvalidDataException>());
    }

    [TestCase("lean-oanda-eurusd/20140502_quote.zip", "EURUSD")]
    [TestCase("lean-oanda-xauusd/20140502_quote.zip", "XAUUSD")]
    [TestCase("histdata/DAT_ASCII_EURUSD_T_202001_first9500.csv", "EURUSD")]
    [TestCase("mt5/EURUSD_ticks_utf8.tsv", "EURUSD")]
    [TestCase("mt5/EURUSD_ticks_utf16.tsv", "EURUSD")]
    [TestCase("dukascopy/GBPJPY/2012/11/03/12h_ticks.bi5", "GBPJPY")]
    public void Read_AfterTheFirstBatch_AllocatesNothingPerTick(string relative, string symbol)
    {
        using var reader = TickSources.Open(TickTestData.File(relative.Split('/')), null, TickTestData.Instrument(symbol),
            new TickReaderOptions { TimeZone = relative.StartsWith("mt5", StringComparison.Ordinal) ? "+02:00" : null });
        var buffer = new Tick[64];
        Assert.That(reader.Read(buffer), Is.EqualTo(buffer.Length), "warm-up batch");

        // Stop before the end of the file: closing a stream may allocate once, which is not per tick.
        long ticks = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var batch = 0; batch < 30; batch++)
        {
            ticks += reader.Read(buffer);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(ticks, Is.EqualTo(30 * 64));
        Assert.That(allocated, Is.Zero, $"{allocated} bytes for {ticks} ticks");
    }

    [Test]
    public void Read_NativeStoreAfterTheFirstBatch_AllocatesNothing()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, TickTestData.Instrument("EURUSD"), 100))
            {
                writer.Append(TickStoreFiles.FromValues(Enumerable.Range(0, 50_000).Select(i => (long)i).ToArray()));
            }

            using var reader = TickSources.Open(path, null, TickTestData.Instrument("EURUSD"));
            var buffer = new Tick[1000];
            reader.Read(buffer);
            var before = GC.GetAllocatedBytesForCurrentThread();
            while (reader.Read(buffer) > 0)
            {
            }

            Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
