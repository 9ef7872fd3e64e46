using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class TickStoreReaderTests
{
    private static readonly IctEngine.Core.Instrument Eurusd = TickTestData.Instrument("EURUSD");

    [Test]
    public void Read_RealDayImported_EqualsTheSource()
    {
        var source = TickTestData.ReadAll(TickTestData.File("lean-oanda-eurusd", "20140502_quote.zip"), "EURUSD");
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd))
            {
                writer.Append(source.ToArray());
            }

            using var reader = new TickStoreReader(path, Eurusd);
            var read = TickTestData.ReadAll(reader, 100_000);

            Assert.That(read, Is.EqualTo(source));
            Assert.That(reader.TornTailBytes, Is.Zero);
            Assert.That(reader.Symbol, Is.EqualTo("EURUSD"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_TornTail_EndsQuietlyAndReportsTheBytes()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd, 10))
            {
                writer.Append(TickStoreFiles.FromValues(Enumerable.Range(1, 25).Select(i => (long)i).ToArray()));
            }

            using (var f = new FileStream(path, FileMode.Open))
            {
                f.SetLength(f.Length - 5);
            }

            using var reader = new TickStoreReader(path);
            var read = TickTestData.ReadAll(reader);

            Assert.That(read, Has.Count.EqualTo(20));
            Assert.That(reader.TornTailBytes, Is.EqualTo(32 + (5 * 48) - 5));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_CorruptMiddleBlock_ThrowsInvalidData()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd, 10))
            {
                writer.Append(TickStoreFiles.FromValues(Enumerable.Range(1, 30).Select(i => (long)i).ToArray()));
            }

            var bytes = File.ReadAllBytes(path);
            bytes[64 + 32 + 100] ^= 0x10;
            File.WriteAllBytes(path, bytes);

            Assert.That(() => TickStoreFiles.ReadAll(path), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("corrupt"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Open_NotAStore_ThrowsInvalidData()
    {
        Assert.That(() => new TickStoreReader(TickTestData.File("histdata", "DAT_ASCII_EURUSD_T_202001_first9500.csv")),
            Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public void Read_ViaTickSources_SetsTheCatalogueSymbolId()
    {
        var path = TickStoreFiles.NewPath();
        var xau = TickTestData.Instrument("XAUUSD");
        try
        {
            using (var writer = new TickStoreWriter(path, xau))
            {
                writer.Append(new Tick(5, 1_290_000, 1_290_300, xau.Id));
            }

            var read = TickTestData.ReadAll(path, "XAUUSD");

            Assert.That(read.Single().SymbolId, Is.EqualTo(xau.Id));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Read_BlocksLargerThanTheReadBuffer_ReadsThemWhole()
    {
        var path = TickStoreFiles.NewPath();
        var ticks = TickStoreFiles.FromValues(Enumerable.Range(0, 150_000).Select(i => (long)i * 7).ToArray());
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd, 65_536))
            {
                writer.Append(ticks);
            }

            using var reader = new TickStoreReader(path);
            var read = TickTestData.ReadAll(reader, 1000);

            Assert.That(read, Is.EqualTo(ticks));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
