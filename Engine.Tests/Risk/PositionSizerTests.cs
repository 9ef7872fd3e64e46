using IctEngine.Core;
using IctEngine.Risk;
using NUnit.Framework;

namespace IctEngine.Tests.Risk;

[TestFixture]
public sealed class PositionSizerTests
{
    private static readonly long Equity = Money.FromDecimal(100_000m).Micros;

    private static (InstrumentCatalog Catalog, AccountCurrencyConverter Converter) Setup(params (string Symbol, decimal Bid, decimal Ask)[] quotes)
    {
        var catalog = InstrumentCatalog.Default;
        var converter = new AccountCurrencyConverter(catalog);
        foreach (var (symbol, bid, ask) in quotes)
        {
            var ins = catalog.Get(symbol);
            converter.OnQuote(ins.Id, Price.FromDecimal(bid, ins.Digits).Units, Price.FromDecimal(ask, ins.Digits).Units);
        }

        return (catalog, converter);
    }

    [Test]
    public void Size_Eurusd20PipStop_RisksHalfPercentAtOneDollarPerTick()
    {
        var (catalog, converter) = Setup(("EURUSD", 1.10000m, 1.10010m));
        var eurusd = catalog.Get("EURUSD");

        // $500 ÷ (200 ticks × $1) = 2.5 lots.
        Assert.That(converter.TickValuePerLot(eurusd.Id), Is.EqualTo(1m));
        Assert.That(PositionSizer.Size(eurusd, converter, Equity, 0.5m, 200), Is.EqualTo(250));
    }

    [Test]
    public void Size_Usdjpy30PipStop_ConvertsJpyTickValueAtCurrentRate()
    {
        var (catalog, converter) = Setup(("USDJPY", 149.995m, 150.005m));
        var usdjpy = catalog.Get("USDJPY");

        // One tick = 0.001 × 100,000 = 100 JPY = 100 / 150 = $0.6667; $500 ÷ (300 × 0.6667) = 2.5 lots.
        Assert.That(converter.TickValuePerLot(usdjpy.Id), Is.EqualTo(100m / 150m));
        Assert.That(PositionSizer.Size(usdjpy, converter, Equity, 0.5m, 300), Is.EqualTo(250));
    }

    [Test]
    public void Size_GbpjpyWithUsdjpyQuoted_ConvertsThroughUsdjpy()
    {
        var (catalog, converter) = Setup(("USDJPY", 124.995m, 125.005m), ("GBPJPY", 190.000m, 190.020m));
        var gbpjpy = catalog.Get("GBPJPY");

        // 100 JPY / 125 = $0.80 per tick; $500 ÷ (400 × 0.8) = 1.5625 → 1.56 lots (rounded down to the step).
        Assert.That(converter.TickValuePerLot(gbpjpy.Id), Is.EqualTo(0.8m));
        Assert.That(PositionSizer.Size(gbpjpy, converter, Equity, 0.5m, 400), Is.EqualTo(156));
    }

    [Test]
    public void Size_GbpjpyWithoutUsdjpy_UsesConfiguredTickValue()
    {
        var (catalog, converter) = Setup(("GBPJPY", 190.000m, 190.020m));
        var gbpjpy = catalog.Get("GBPJPY");

        // Configured 0.67: $500 ÷ (300 × 0.67) = 2.487 → 2.48 lots.
        Assert.That(converter.TickValuePerLot(gbpjpy.Id), Is.EqualTo(0.67m));
        Assert.That(PositionSizer.Size(gbpjpy, converter, Equity, 0.5m, 300), Is.EqualTo(248));
    }

    [Test]
    public void Size_XauusdFiveDollarStop_UsesTenCentTick()
    {
        var (catalog, converter) = Setup(("XAUUSD", 2000.000m, 2000.300m));
        var gold = catalog.Get("XAUUSD");

        // One tick = 0.001 × 100 oz = $0.10; $500 ÷ (5,000 ticks × $0.10) = 1 lot.
        Assert.That(converter.TickValuePerLot(gold.Id), Is.EqualTo(0.1m));
        Assert.That(PositionSizer.Size(gold, converter, Equity, 0.5m, 5_000), Is.EqualTo(100));
    }

    [Test]
    public void Size_BudgetBelowMinimumVolume_ReturnsZero()
    {
        var (catalog, converter) = Setup(("EURUSD", 1.10000m, 1.10010m));

        // $500 ÷ (100,000 ticks × $1) = 0.005 lots < 0.01.
        Assert.That(PositionSizer.Size(catalog.Get("EURUSD"), converter, Equity, 0.5m, 100_000), Is.Zero);
    }

    [Test]
    public void Size_HugeBudget_CappedAtMaximumVolume()
    {
        var (catalog, converter) = Setup(("XAUUSD", 2000.000m, 2000.300m));

        Assert.That(PositionSizer.Size(catalog.Get("XAUUSD"), converter, Equity, 100m, 10), Is.EqualTo(5_000));
    }

    [Property(MaxTest = 200)]
    public bool Size_AnyStop_NeverRisksMoreThanBudget(ushort stop, byte riskTenths)
    {
        var (catalog, converter) = Setup(("EURUSD", 1.10000m, 1.10010m));
        var eurusd = catalog.Get("EURUSD");
        var risk = (riskTenths % 30 + 1) / 10m;
        var units = PositionSizer.Size(eurusd, converter, Equity, risk, stop + 1L);
        var risked = converter.ValueMicros(eurusd.Id, stop + 1L, units);
        return units == 0 || risked <= Equity * risk / 100m;
    }
}
