using IctEngine.Replay;
using IctEngine.Report;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ReportRunTests
{
    [Test]
    public void Settings_ReplayManifest_AreItsEngineSettings()
    {
        var manifest = new ReplayManifest
        {
            Inputs = [new ReplayInput("EURUSD", ["/data/ticks"])],
            Settings = new EngineSettings { Risk = new() { InitialBalance = 25_000m, DailyLossPercent = 4m } },
        };

        var settings = new ReportRun([], ReportScenario.Catalog, manifest.ToJson()).Settings;

        Assert.That((settings?.Risk.InitialBalance, settings?.Risk.DailyLossPercent), Is.EqualTo(((decimal?)25_000m, (decimal?)4m)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("{ \"strategy\": \"silver-bullet\" }")]
    [TestCase("not json")]
    public void Settings_NotAManifest_IsNull(string? configuration) =>
        Assert.That(new ReportRun([], ReportScenario.Catalog, configuration).Settings, Is.Null);
}
