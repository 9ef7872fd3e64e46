using IctEngine.Smc.Reference;
using NUnit.Framework;

namespace IctEngine.Tests.Smc.Reference;

[TestFixture]
public sealed class ReferenceRunnerTests
{
    [TestCaseSource(typeof(SmcFixtures), nameof(SmcFixtures.Cases))]
    public void Run_LibraryFixture_MatchesCellForCell(string file, ReferenceFunction function, ReferenceOptions options, string[] cli)
    {
        var table = ReferenceRunner.Run(function, SmcFixtures.Bars, options);

        SmcFixtures.AssertMatches(table, file);
    }

    [TestCaseSource(typeof(SmcFixtures), nameof(SmcFixtures.Cases))]
    public void Run_LibraryFixture_WritesByteIdenticalCsv(string file, ReferenceFunction function, ReferenceOptions options, string[] cli)
    {
        var csv = ReferenceRunner.Run(function, SmcFixtures.Bars, options).ToCsv();

        Assert.That(csv, Is.EqualTo(File.ReadAllText(Path.Combine(SmcFixtures.Directory, file))));
    }

    [TestCase("swing-highs-lows", ReferenceFunction.SwingHighsLows)]
    [TestCase("bos-choch", ReferenceFunction.BosChoch)]
    [TestCase("ob", ReferenceFunction.OrderBlocks)]
    [TestCase("previous_high_low", ReferenceFunction.PreviousHighLow)]
    [TestCase("Retracements", ReferenceFunction.Retracements)]
    public void ParseFunction_KnownName_ReturnsFunction(string name, ReferenceFunction expected)
    {
        Assert.That(ReferenceRunner.ParseFunction(name), Is.EqualTo(expected));
    }

    [Test]
    public void ParseFunction_UnknownName_ThrowsWithTheValidNames()
    {
        var e = Assert.Throws<FormatException>(() => ReferenceRunner.ParseFunction("order-blocks"));

        Assert.That(e!.Message, Does.Contain("order-blocks").And.Contain("swing-highs-lows"));
    }

    [Test]
    public void Validate_CustomSessionWithoutTimes_Throws()
    {
        Assert.Throws<FormatException>(() => ReferenceRunner.Validate(
            ReferenceFunction.Sessions, new ReferenceOptions { Session = "Custom", StartTime = "10:00" }));
    }

    [Test]
    public void Validate_ZeroSwingLength_Throws()
    {
        Assert.Throws<FormatException>(() => ReferenceRunner.Validate(
            ReferenceFunction.BosChoch, new ReferenceOptions { SwingLength = 0 }));
    }

    [Test]
    public void Validate_UnknownTimeFrame_Throws()
    {
        Assert.Throws<FormatException>(() => ReferenceRunner.Validate(
            ReferenceFunction.PreviousHighLow, new ReferenceOptions { TimeFrame = "15x" }));
    }
}
