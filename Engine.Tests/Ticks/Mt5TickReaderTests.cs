using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class Mt5TickReaderTests
{
    private static List<Tick> HistDataFirst3000() =>
        TickTestData.ReadAll(TickTestData.File("histdata", "DAT_ASCII_EURUSD_T_202001_first9500.csv"), "EURUSD").Take(3000).ToList();

    [TestCase("EURUSD_ticks_utf8.tsv")]
    [TestCase("EURUSD_ticks_utf16.tsv")]
    public void Read_ExportWithEmptyCells_CarriesForwardToTheSourceQuotes(string name)
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("mt5", name), "EURUSD", null, new TickReaderOptions { TimeZone = "+02:00" });

        var expected = HistDataFirst3000();
        Assert.That(ticks.Select(t => (t.TimeNs, t.Bid, t.Ask)), Is.EqualTo(expected.Select(t => (t.TimeNs, t.Bid, t.Ask))));
    }

    [Test]
    public void Read_FlagsColumn_IsKept()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("mt5", "EURUSD_ticks_utf8.tsv"), "EURUSD", TickFormat.Mt5);

        Assert.That(ticks[0].Flags, Is.EqualTo(TickFlags.Bid | TickFlags.Ask));
        Assert.That(ticks[1].Flags, Is.EqualTo(TickFlags.Ask));
        Assert.That(ticks.Count(t => t.Flags == TickFlags.Bid), Is.GreaterThan(100));
    }

    [Test]
    public void Read_IanaServerZone_ConvertsLikeTheFixedOffset()
    {
        // Europe/Athens is UTC+2 in January, like the export's server clock.
        var iana = TickTestData.ReadAll(TickTestData.File("mt5", "EURUSD_ticks_utf8.tsv"), "EURUSD", TickFormat.Mt5,
            new TickReaderOptions { TimeZone = "Europe/Athens" });

        Assert.That(iana[0].TimeNs, Is.EqualTo(TickTestData.Utc("2020-01-01 22:00:00.065")));
    }

    [Test]
    public void Read_FirstTickWithoutBid_ThrowsNamingTheField()
    {
        var file = WriteTemp("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n2020.01.02\t00:00:00.065\t\t1.12172\t\t\t4\n");
        try
        {
            var e = Assert.Throws<TickFormatException>(() => TickTestData.ReadAll(file, "EURUSD", TickFormat.Mt5));

            Assert.That((e!.Line, e.Field), Is.EqualTo((2L, "BID")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("2020.01.02\t00:00:00\t1.1\t1.2\t\t\t6", "TIME")]
    [TestCase("2020-01-02\t00:00:00.000\t1.1\t1.2\t\t\t6", "DATE")]
    [TestCase("2020.01.02\t00:00:00.000\t1.1\t1.2\t\t\t999", "FLAGS")]
    [TestCase("2020.01.02\t00:00:00.000\t1.1\t1.2\t\tx\t6", "VOLUME")]
    public void Read_MalformedLine_NamesTheField(string line, string field)
    {
        var file = WriteTemp("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n" + line + "\n");
        try
        {
            var e = Assert.Throws<TickFormatException>(() => TickTestData.ReadAll(file, "EURUSD", TickFormat.Mt5));

            Assert.That(e!.Field, Is.EqualTo(field));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void Read_VolumeAndNoHeader_ParsesVolume()
    {
        var file = WriteTemp("2020.01.02\t00:00:00.065\t1.12120\t1.12172\t\t1.5\t22\n");
        try
        {
            var ticks = TickTestData.ReadAll(file, "EURUSD");

            Assert.That(ticks.Single().BidVolume, Is.EqualTo(1_500_000));
            Assert.That(ticks.Single().Flags, Is.EqualTo(TickFlags.Bid | TickFlags.Ask | TickFlags.Volume));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string WriteTemp(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"mt5-{Guid.NewGuid():N}.tsv");
        File.WriteAllText(file, text);
        return file;
    }
}
