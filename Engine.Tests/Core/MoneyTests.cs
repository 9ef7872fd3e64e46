using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class MoneyTests
{
    [Test]
    public void FromDecimal_SumOfCents_IsExact()
    {
        var total = Money.Zero;
        for (var i = 0; i < 1000; i++)
        {
            total += Money.FromDecimal(0.01m);
        }

        Assert.That(total.ToDecimal(), Is.EqualTo(10m));
        Assert.That(total.ToString(), Is.EqualTo("10.00"));
    }

    [Test]
    public void FromDecimal_SubMicro_RoundsHalfToEven()
    {
        Assert.That(Money.FromDecimal(0.0000005m).Micros, Is.EqualTo(0));
        Assert.That(Money.FromDecimal(0.0000015m).Micros, Is.EqualTo(2));
    }

    [Test]
    public void Operators_CompareAndNegate_Work()
    {
        var a = Money.FromDecimal(-5000m);
        var b = Money.FromDecimal(100_000m);
        Assert.That(a < b, Is.True);
        Assert.That((-a).ToDecimal(), Is.EqualTo(5000m));
        Assert.That((b - a).ToDecimal(), Is.EqualTo(105_000m));
    }
}
