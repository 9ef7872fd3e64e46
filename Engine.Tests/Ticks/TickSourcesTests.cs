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
        var path = TickTestData.File(relative.Split('/'));
        var options = new TickReaderOptions { TimeZone = relative.StartsWith("mt5", StringComparison.Ordinal) ? "+02:00" : null };
        WarmUp(path, symbol, options);

        // Stop before the end of the file: closing a stream may allocate once, which is not per tick.
        var allocated = LeastAllocated(() => TickSources.Open(path, null, TickTestData.Instrument(symbol), options), 64, 30);

        Assert.That(allocated, Is.Zero);
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

            WarmUp(path, "EURUSD", null);

            Assert.That(LeastAllocated(() => TickSources.Open(path, null, TickTestData.Instrument("EURUSD")), 1000, 49), Is.Zero);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Reads a file once to the end, so that every reader path is jitted (tiered) before measuring.</summary>
    private static void WarmUp(string path, string symbol, TickReaderOptions? options)
    {
        for (var i = 0; i < 3; i++)
        {
            using var reader = TickSources.Open(path, null, TickTestData.Instrument(symbol), options);
            TickTestData.ReadAll(reader, 64);
        }
    }

    /// <summary>
    /// Bytes allocated by <paramref name="batches"/> reads after a first batch, least of three attempts: a background
    /// tier-up of the JIT can charge a one-off allocation to the thread, a per-tick allocation shows in every attempt.
    /// </summary>
    private static long LeastAllocated(Func<ITickReader> open, int batchSize, int batches)
    {
        var least = long.MaxValue;
        var buffer = new Tick[batchSize];
        for (var attempt = 0; attempt < 3 && least > 0; attempt++)
        {
            using var reader = open();
            Assert.That(reader.Read(buffer), Is.EqualTo(batchSize), "first batch");
            long ticks = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var batch = 0; batch < batches; batch++)
            {
                ticks += reader.Read(buffer);
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.That(ticks, Is.EqualTo((long)batches * batchSize));
        }

        return least;
    }
}
