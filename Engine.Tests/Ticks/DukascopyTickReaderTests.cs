using System.IO.Compression;
using System.Text;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class DukascopyTickReaderTests
{
    private static string Day => TickTestData.File("dukascopy", "GBPJPY", "2012", "11", "03");

    [Test]
    public void Read_Day_ReproducesTheDecodedReferenceExactly()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("dukascopy", "GBPJPY"), "GBPJPY");
        using var csv = new MemoryStream();
        using (var writer = new TickCsvWriter(csv, TickTestData.Instrument("GBPJPY"), header: false))
        {
            foreach (var tick in ticks)
            {
                writer.Write(tick);
            }

            writer.Flush();
        }

        var actual = Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var gz = new GZipStream(File.OpenRead(TickTestData.File("dukascopy", "decoded_reference_2012-12-03_UTC.csv.gz")), CompressionMode.Decompress);
        var expected = new StreamReader(gz).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();

        Assert.That(actual, Has.Length.EqualTo(58_953));
        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Read_FirstRecord_AskComesFirstInTheFile()
    {
        var ticks = TickTestData.ReadAll(Path.Combine(Day, "00h_ticks.bi5"), "GBPJPY");

        Assert.That(ticks[0].TimeNs, Is.EqualTo(TickTestData.Utc("2012-12-03 00:00:01.883")));
        Assert.That((ticks[0].Bid, ticks[0].Ask), Is.EqualTo((132_141L, 132_158L)));
        Assert.That((ticks[0].BidVolume, ticks[0].AskVolume), Is.EqualTo((1_130_000L, 1_500_000L)));
        Assert.That(ticks, Has.Count.EqualTo(2054));
    }

    [Test]
    public void Read_EmptyHourFile_HasNoTicksAndNextHourFollows()
    {
        var dir = TickTestData.TempDir();
        try
        {
            var hours = Path.Combine(dir, "GBPJPY", "2012", "11", "03");
            Directory.CreateDirectory(hours);
            File.WriteAllBytes(Path.Combine(hours, "00h_ticks.bi5"), []);
            File.Copy(Path.Combine(Day, "01h_ticks.bi5"), Path.Combine(hours, "01h_ticks.bi5"));

            var ticks = TickTestData.ReadAll(dir, "GBPJPY");

            Assert.That(ticks, Is.Not.Empty);
            Assert.That(ticks[0].TimeNs, Is.GreaterThanOrEqualTo(TickTestData.Utc("2012-12-03 01:00:00")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Read_TruncatedFile_ThrowsTickFormatException()
    {
        var dir = TickTestData.TempDir();
        try
        {
            var hours = Path.Combine(dir, "2012", "11", "03");
            Directory.CreateDirectory(hours);
            var bytes = File.ReadAllBytes(Path.Combine(Day, "05h_ticks.bi5"));
            File.WriteAllBytes(Path.Combine(hours, "05h_ticks.bi5"), bytes[..(bytes.Length / 2)]);

            Assert.That(() => TickTestData.ReadAll(dir, "GBPJPY"), Throws.InstanceOf<Exception>());
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void ToVolumeUnits_Float32_RoundsToSixDecimals()
    {
        Assert.That(DukascopyTickReader.ToVolumeUnits(20.87f), Is.EqualTo(20_870_001));
        Assert.That(DukascopyTickReader.ToVolumeUnits(1.13f), Is.EqualTo(1_130_000));
        Assert.That(DukascopyTickReader.ToVolumeUnits(float.NaN), Is.EqualTo(0));
    }
}
