using IctEngine.Replay;
using NUnit.Framework;

namespace IctEngine.Tests.Replay;

[TestFixture]
public sealed class ReplayManifestTests
{
    [Test]
    public void FromJson_OfToJson_DefaultSettings_RoundTripsExactly()
    {
        var manifest = new ReplayManifest
        {
            Inputs = [new ReplayInput("EURUSD", ["/data/a.zip", "/data/b"], IctEngine.Ticks.TickFormat.Lean, "+02:00", SkipBadLines: true)],
            Settings = new EngineSettings(),
        };
        var json = manifest.ToJson();
        var back = ReplayManifest.FromJson(json);
        Assert.That(back.ToJson(), Is.EqualTo(json));
        Assert.That(back.Inputs[0].Paths, Is.EqualTo(new[] { "/data/a.zip", "/data/b" }));
        Assert.That(back.Inputs[0].Format, Is.EqualTo(IctEngine.Ticks.TickFormat.Lean));
    }

    [Test]
    public void FromJson_ChangedStrategyParameter_IsKept()
    {
        var settings = new EngineSettings { Smc = new IctEngine.Smc.SmcOptions { Strategy = new IctEngine.Smc.Strategy.StrategyOptions { FixedRewardRisk = 3m } } };
        var json = new ReplayManifest { Inputs = [new ReplayInput("EURUSD", ["x"])], Settings = settings }.ToJson();
        Assert.That(ReplayManifest.FromJson(json).Settings.Smc.Strategy.FixedRewardRisk, Is.EqualTo(3m));
    }
}
