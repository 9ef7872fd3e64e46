using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class HistDataTickReaderTests
{
    private static string Sample => TickTestData.File("histdata", "DAT_ASCII_EURUSD_T_202001_first9500.csv");

    [Test]
    public void Read_Sample_AllRowsFirstAndLastInUtc()
    {
        var ticks = TickTestData.ReadAll(Sample, "EURUSD");

        Assert.That(ticks, Has.Count.EqualTo(9500));
        Assert.That(ticks[0].TimeNs, Is.EqualTo(TickTestData.Utc("2020-01-01 22:00:00.065")));
        Assert.That((ticks[0].Bid, ticks[0].Ask), Is.EqualTo((112120L, 112172L)));
        Assert.That(ticks[^1].TimeNs, Is.EqualTo(TickTestData.Utc("2020-01-02 04:00:52.125")));
        Assert.That((ticks[^1].Bid, ticks[^1].Ask), Is.EqualTo((112130L, 112132L)));
    }

    [Test]
    public void Read_ExplicitTimeZone_OverridesTheDefault()
    {
        var ticks = TickTestData.ReadAll(Sample, "EURUSD", TickFormat.HistData, new TickReaderOptions { TimeZone = "UTC" });

        Assert.That(ticks[0].TimeNs, Is.EqualTo(TickTestData.Utc("2020-01-01 17:00:00.065")));
    }

    [TestCase("20200101 170000065,1.121200,1.121720,0\n20200101 1700000,1.1,1.2,0\n", "time")]
    [TestCase("20200101 170000065,1.121200,1.121720,0\n20201301 170000065,1.1,1.2,0\n", "time")]
    [TestCase("20200101 170000065,1.121200,1.121720,0\n20200101 170000065,1.1,,0\n", "ask")]
    [TestCase("20200101 170000065,1.121200,1.121720,0\n20200101 170000065,1.1,1.2,-1\n", "volume")]
    [TestCase("20200101 170000065,1.121200,1.121720,0\n20200101 170000065,1.1234567,1.2,0\n", "bid")]
    public void Read_MalformedSecondLine_NamesTheField(string text, string field)
    {
        var dir = TickTestData.TempDir();
        try
        {
            var file = Path.Combine(dir, "DAT_ASCII_EURUSD_T_202001.csv");
            File.WriteAllText(file, text);

            var e = Assert.Throws<TickFormatException>(() => TickTestData.ReadAll(file, "EURUSD", TickFormat.HistData));

            Assert.That((e!.Line, e.Field), Is.EqualTo((2L, field)));
            Assert.That(e.Message, Does.Contain(file + ":2:"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
