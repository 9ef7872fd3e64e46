using System.Text;
using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class PriceTests
{
    [TestCase("1.38676", 5, 138676L)]
    [TestCase("1.121200", 5, 112120L)]
    [TestCase("1291.677", 3, 1291677L)]
    [TestCase("132.14", 3, 132140L)]
    [TestCase("-0.5", 2, -50L)]
    [TestCase("7", 5, 700000L)]
    [TestCase(".5", 1, 5L)]
    public void TryParseUnits_ValidText_ReturnsExactUnits(string text, int digits, long expected)
    {
        Assert.That(Price.TryParseUnits(Encoding.ASCII.GetBytes(text), digits, out var units), Is.True);
        Assert.That(units, Is.EqualTo(expected));
        Assert.That(Price.Parse(text, digits).Units, Is.EqualTo(expected));
    }

    [TestCase("1.121205", 5)]
    [TestCase("abc", 5)]
    [TestCase("", 5)]
    [TestCase("1.2.3", 5)]
    [TestCase("-", 5)]
    [TestCase("1e5", 5)]
    [TestCase("99999999999999999999", 5)]
    public void TryParseUnits_InvalidOrLossyText_ReturnsFalse(string text, int digits)
    {
        Assert.That(Price.TryParseUnits(Encoding.ASCII.GetBytes(text), digits, out _), Is.False);
        Assert.Throws<FormatException>(() => Price.Parse(text, digits));
    }

    [TestCase(138676L, 5, "1.38676")]
    [TestCase(5L, 5, "0.00005")]
    [TestCase(-5L, 3, "-0.005")]
    [TestCase(1291677L, 3, "1291.677")]
    [TestCase(42L, 0, "42")]
    public void Format_Units_WritesFixedDecimals(long units, int digits, string expected) =>
        Assert.That(Price.Format(units, digits), Is.EqualTo(expected));

    [Property(MaxTest = 2000)]
    public bool FormatThenParse_AnyUnitsAndDigits_RoundTrips(long units, byte digitsSeed)
    {
        var digits = digitsSeed % 11;
        var text = Price.Format(units, digits);
        return Price.TryParseUnits(Encoding.ASCII.GetBytes(text), digits, out var parsed) && parsed == units;
    }

    [Property(MaxTest = 1000)]
    public bool ToDecimalThenFromDecimal_AnyPrice_RoundTrips(int units, byte digitsSeed)
    {
        var digits = digitsSeed % 9;
        var price = new Price(units, digits);
        return Price.FromDecimal(price.ToDecimal(), digits) == price;
    }

    [Test]
    public void Rescale_LosingPrecision_Throws()
    {
        Assert.That(new Price(112120, 5).Rescale(4), Is.EqualTo(new Price(11212, 4)));
        Assert.That(new Price(11212, 4).Rescale(6), Is.EqualTo(new Price(1121200, 6)));
        Assert.Throws<ArgumentException>(() => new Price(112121, 5).Rescale(4));
    }

    [Test]
    public void TryParseUnits_Utf8Span_DoesNotAllocate()
    {
        var bytes = "1.38676"u8.ToArray();
        Price.TryParseUnits(bytes, 5, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            Price.TryParseUnits(bytes, 5, out var u);
            sum += u;
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.EqualTo(138676L * 10_000));
    }
}
