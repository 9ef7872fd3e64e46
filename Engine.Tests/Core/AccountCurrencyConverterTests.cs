using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class AccountCurrencyConverterTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Default;

    [Test]
    public void ValueMicros_UsdQuote_IsExact()
    {
        var converter = new AccountCurrencyConverter(Catalog);

        Assert.That(converter.ValueMicros(Catalog.Get("EURUSD").Id, 123, 250), Is.EqualTo(307_500_000), "123 points × 2.5 lots × $1");
        Assert.That(converter.ValueMicros(Catalog.Get("XAUUSD").Id, -1_000, 100), Is.EqualTo(-100_000_000), "$1 move × 1 lot × 100 oz");
    }

    [Test]
    public void ValueMicros_JpyCross_ConvertsThroughUsdjpyOnceQuoted()
    {
        var converter = new AccountCurrencyConverter(Catalog);
        var gbpjpy = Catalog.Get("GBPJPY").Id;

        Assert.That(converter.ValueMicros(gbpjpy, 100, 100), Is.EqualTo(67_000_000), "configured tick value before any USDJPY quote");
        converter.OnQuote(Catalog.Get("USDJPY").Id, 124_995, 125_005);
        Assert.That(converter.ValueMicros(gbpjpy, 100, 100), Is.EqualTo(80_000_000), "10,000 JPY ÷ 125");
    }

    [Property(MaxTest = 300)]
    public bool ValueMicros_UsdQuoteFastPath_MatchesDecimalReference(int move, int volume)
    {
        var converter = new AccountCurrencyConverter(Catalog);
        var units = Math.Abs((long)volume) % 1_000_000;
        var expected = decimal.Truncate(move * 1_000_000m * units / 100m);
        return converter.ValueMicros(Catalog.Get("EURUSD").Id, move, units) == (long)expected;
    }

    [Property(MaxTest = 200)]
    public bool ValueMicros_NegatedMove_IsNegated(short move, ushort volume)
    {
        var converter = new AccountCurrencyConverter(Catalog);
        converter.OnQuote(Catalog.Get("USDJPY").Id, 149_123, 149_133);
        var id = Catalog.Get("USDJPY").Id;
        return converter.ValueMicros(id, move, volume) == -converter.ValueMicros(id, -move, volume);
    }
}
