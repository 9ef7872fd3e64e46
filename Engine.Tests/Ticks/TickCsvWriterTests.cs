using System.Text;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class TickCsvWriterTests
{
    [TestCase(0L, "0.0")]
    [TestCase(2_000_000L, "2.0")]
    [TestCase(1_500_000L, "1.5")]
    [TestCase(20_870_001L, "20.870001")]
    [TestCase(50_000L, "0.05")]
    public void Write_Volume_FormatsLikeTheReference(long volume, string expected)
    {
        var line = WriteOne(new Tick(0, 132_141, 132_158) { BidVolume = volume, AskVolume = 0 }, "GBPJPY");

        Assert.That(line, Is.EqualTo($"1970-01-01 00:00:00.000,132.141,132.158,{expected},0.0"));
    }

    [Test]
    public void Write_Time_IsMillisecondsUtc()
    {
        var line = WriteOne(new Tick(TickTestData.Utc("2014-05-02 12:30:01.521") + 999, 137_001, 137_012), "EURUSD");

        Assert.That(line, Does.StartWith("2014-05-02 12:30:01.521,1.37001,1.37012,"));
    }

    private static string WriteOne(Tick tick, string symbol)
    {
        using var stream = new MemoryStream();
        using (var writer = new TickCsvWriter(stream, TickTestData.Instrument(symbol)))
        {
            writer.Write(tick);
            writer.Flush();
            var text = Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
            Assert.That(text[0], Is.EqualTo("utc_time,bid,ask,bid_volume,ask_volume"));
            return text[1];
        }
    }
}
