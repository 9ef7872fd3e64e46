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
}
