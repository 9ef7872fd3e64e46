using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class PandasFrequencyTests
{
    private static DateTime T(string s) => DateTime.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [TestCase("4h", "2024-01-03 05:37", "2024-01-03 13:59", "2024-01-03 12:00")]
    [TestCase("7h", "2024-01-03 05:37", "2024-01-04 01:00", "2024-01-03 21:00")]
    [TestCase("90min", "2024-01-03 05:37", "2024-01-03 07:29", "2024-01-03 06:00")]
    [TestCase("1D", "2024-01-03 05:37", "2024-01-05 23:59", "2024-01-05 00:00")]
    [TestCase("2D", "2024-01-03 05:37", "2024-01-06 10:00", "2024-01-05 00:00")]
    [TestCase("W", "2024-01-03 05:37", "2024-01-07 23:00", "2024-01-07 00:00")]
    [TestCase("W", "2024-01-03 05:37", "2024-01-08 00:00", "2024-01-14 00:00")]
    [TestCase("W-MON", "2024-01-03 05:37", "2024-01-08 12:00", "2024-01-08 00:00")]
    [TestCase("2W", "2024-01-03 05:37", "2024-01-08 12:00", "2024-01-21 00:00")]
    [TestCase("ME", "2024-01-03 05:37", "2024-02-29 18:00", "2024-02-29 00:00")]
    [TestCase("M", "2024-01-03 05:37", "2024-03-01 00:00", "2024-03-31 00:00")]
    [TestCase("MS", "2024-01-03 05:37", "2024-02-29 18:00", "2024-02-01 00:00")]
    [TestCase("QE", "2024-01-03 05:37", "2024-04-01 00:00", "2024-06-30 00:00")]
    [TestCase("QS", "2024-01-03 05:37", "2024-05-17 00:00", "2024-04-01 00:00")]
    [TestCase("YE", "2024-01-03 05:37", "2024-05-17 00:00", "2024-12-31 00:00")]
    [TestCase("YS", "2024-01-03 05:37", "2024-05-17 00:00", "2024-01-01 00:00")]
    [TestCase("w", "2024-01-03 05:37", "2024-01-08 00:00", "2024-01-14 00:00")]
    [TestCase("2m", "2024-01-03 05:37", "2024-02-10 00:00", "2024-03-31 00:00")]
    [TestCase("1H", "2024-01-03 05:37", "2024-01-03 06:59", "2024-01-03 06:00")]
    [TestCase("15T", "2024-01-03 05:37", "2024-01-03 06:59", "2024-01-03 06:45")]
    public void BinLabels_Rule_MatchesPandasResampleLabel(string rule, string first, string t, string expected)
    {
        var labels = PandasFrequency.Parse(rule).BinLabels([T(first), T(t)]);

        Assert.That(labels[1], Is.EqualTo(T(expected)));
    }

    [TestCase("W", true)]
    [TestCase("ME", true)]
    [TestCase("4h", false)]
    [TestCase("MS", false)]
    public void IsRightLabelled_Rule_FollowsPandasDefaults(string rule, bool expected)
    {
        Assert.That(PandasFrequency.Parse(rule).IsRightLabelled, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase("15x")]
    [TestCase("2h30min")]
    [TestCase("0h")]
    [TestCase("W-XYZ")]
    [TestCase("4h-MON")]
    public void Parse_UnsupportedRule_Throws(string rule)
    {
        Assert.Throws<FormatException>(() => PandasFrequency.Parse(rule));
    }
}
