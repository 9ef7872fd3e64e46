using System.Text;
using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class InstrumentCatalogTests
{
    [TestCase("EURUSD", 5, 4, "0.0001", "USD")]
    [TestCase("GBPUSD", 5, 4, "0.0001", "USD")]
    [TestCase("NZDUSD", 5, 4, "0.0001", "USD")]
    [TestCase("USDJPY", 3, 2, "0.01", "JPY")]
    [TestCase("GBPJPY", 3, 2, "0.01", "JPY")]
    [TestCase("XAUUSD", 3, 1, "0.1", "USD")]
    public void Default_KnownSymbol_HasMetadata(string symbol, int digits, int pipDigits, string pip, string quote)
    {
        var instrument = InstrumentCatalog.Default.Get(symbol);
        Assert.That(instrument.Digits, Is.EqualTo(digits));
        Assert.That(instrument.PipDigits, Is.EqualTo(pipDigits));
        Assert.That(instrument.PipSize, Is.EqualTo(decimal.Parse(pip, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(instrument.QuoteCurrency, Is.EqualTo(quote));
        Assert.That(InstrumentCatalog.Default[instrument.Id], Is.SameAs(instrument));
    }

    [Test]
    public void Default_Eurusd_PipIsTenPoints()
    {
        var eurusd = InstrumentCatalog.Default.Get("eurusd");
        Assert.That(eurusd.PipUnits, Is.EqualTo(10));
        Assert.That(eurusd.Point, Is.EqualTo(0.00001m));
        Assert.That(eurusd.ContractSize, Is.EqualTo(100_000m));
        Assert.That(eurusd.FormatPrice(138676), Is.EqualTo("1.38676"));
        Assert.That(eurusd.ParsePriceUnits("1.38676"), Is.EqualTo(138676));
    }

    [Test]
    public void Get_UnknownSymbol_ThrowsWithKnownList()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => InstrumentCatalog.Default.Get("BTCEUR"));
        Assert.That(e!.Message, Does.Contain("BTCEUR").And.Contain("EURUSD"));
        Assert.That(InstrumentCatalog.Default.TryGet("BTCEUR", out _), Is.False);
    }

    [Test]
    public void Load_DuplicateSymbol_Throws()
    {
        const string json = """
            { "instruments": [
              { "symbol": "EURUSD", "digits": 5, "pipDigits": 4, "contractSize": 100000, "tickValue": 1, "baseCurrency": "EUR", "quoteCurrency": "USD" },
              { "symbol": "EURUSD", "digits": 5, "pipDigits": 4, "contractSize": 100000, "tickValue": 1, "baseCurrency": "EUR", "quoteCurrency": "USD" } ] }
            """;
        Assert.Throws<InvalidDataException>(() => InstrumentCatalog.Load(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Test]
    public void Load_BadFile_ThrowsInvalidDataNamingFile()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "{ \"instruments\": [ { \"symbol\": 5 } ] }");
        var e = Assert.Throws<InvalidDataException>(() => InstrumentCatalog.Load(path));
        Assert.That(e!.Message, Does.StartWith(path));
        File.Delete(path);
    }
}
