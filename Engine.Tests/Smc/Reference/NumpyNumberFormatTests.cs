using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class NumpyNumberFormatTests
{
    [TestCase(1.0, "1.0")]
    [TestCase(-1.0, "-1.0")]
    [TestCase(0.0, "0.0")]
    [TestCase(-0.0, "-0.0")]
    [TestCase(0.97369, "0.97369")]
    [TestCase(24423.0, "24423.0")]
    [TestCase(26.9, "26.9")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(0.00001, "1e-05")]
    [TestCase(1.5e-7, "1.5e-07")]
    [TestCase(1e15, "1000000000000000.0")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1.2345e20, "1.2345e+20")]
    [TestCase(double.NaN, "")]
    [TestCase(double.PositiveInfinity, "inf")]
    public void Format_Float64_PrintsLikeNumpy(double value, string expected)
    {
        Assert.That(NumpyNumberFormat.Format(value, ReferenceColumnType.Float64), Is.EqualTo(expected));
    }

    [TestCase(0.97345555, "0.97345555")]
    [TestCase(0.97324, "0.97324")]
    [TestCase(100.0, "100.0")]
    [TestCase(153.0, "153.0")]
    [TestCase(0.1, "0.1")]
    [TestCase(1e-4, "1e-04")]
    public void Format_Float32_PrintsShortestSingle(double value, string expected)
    {
        Assert.That(NumpyNumberFormat.Format((float)value, ReferenceColumnType.Float32), Is.EqualTo(expected));
    }

    [TestCase(0.0, "0")]
    [TestCase(1.0, "1")]
    [TestCase(-1.0, "-1")]
    public void Format_Int32_PrintsInteger(double value, string expected)
    {
        Assert.That(NumpyNumberFormat.Format(value, ReferenceColumnType.Int32), Is.EqualTo(expected));
    }

    [Property]
    public bool Format_AnyFiniteDouble_RoundTrips(double value)
    {
        if (!double.IsFinite(value))
        {
            return true;
        }

        var text = NumpyNumberFormat.Format(value, ReferenceColumnType.Float64);
        return double.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Equals(value);
    }

    [Property]
    public bool Format_AnyFiniteSingle_RoundTripsAsSingle(float value)
    {
        if (!float.IsFinite(value))
        {
            return true;
        }

        var text = NumpyNumberFormat.Format(value, ReferenceColumnType.Float32);
        return float.Parse(text, System.Globalization.CultureInfo.InvariantCulture).Equals(value);
    }
}
