using System.Text;
using IctEngine.Host.Configuration;
using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Configuration;

[TestFixture]
public sealed class EngineSettingsLoaderTests
{
    private static EngineConfig Config(string sections) =>
        EngineConfigLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(
            $$"""{ "symbols": ["EURUSD"], "store": "sqlite:x.db", "bridge": { "secret": "0123456789abc" }, {{sections}} }""")),
            "engine.json", TestContext.CurrentContext.WorkDirectory);

    [Test]
    public void FromConfig_SampleFile_BindsRiskAndPipeline()
    {
        var dir = Directory.CreateTempSubdirectory("ict-settings").FullName;
        File.Copy(Support.SampleData.Path("../tools/engine.sample.json"), Path.Combine(dir, "engine.json"));
        File.WriteAllText(Path.Combine(dir, "bridge.secret"), "correct-horse-battery\n");
        var config = EngineConfigLoader.Load(Path.Combine(dir, "engine.json"));

        var settings = EngineSettingsLoader.FromConfig(config, "engine.json");

        Assert.That((settings.Risk.InitialBalance, settings.Risk.DailyLossPercent, settings.Risk.MaxLossPercent), Is.EqualTo((100_000m, 5m, 10m)));
        Assert.That((settings.Threading, settings.WaitStrategy, settings.RingSize), Is.EqualTo(("fused", WaitStrategyKind.Blocking, 65536)));
    }

    [Test]
    public void FromConfig_UnknownStrategyOption_ErrorNamesFileSectionAndProperty()
    {
        var config = Config("""  "strategy": { "noSuchOption": 1 }  """);

        var error = Assert.Throws<InvalidDataException>(() => EngineSettingsLoader.FromConfig(config, "engine.json"));

        Assert.That(error!.Message, Does.StartWith("engine.json: $.strategy").And.Contain("noSuchOption"));
    }

    [Test]
    public void FromConfig_PinThreads_Bound()
    {
        var config = Config("""  "pipeline": { "pinThreads": true }  """);

        Assert.That(EngineSettingsLoader.FromConfig(config, "engine.json").PinThreads, Is.True);
        Assert.That(EngineSettingsLoader.FromConfig(Config("""  "pipeline": {}  """), "engine.json").PinThreads, Is.False);
    }

    [Test]
    public void FromConfig_ConsumerAndWriterCpus_Bound()
    {
        var config = Config("""  "pipeline": { "pinThreads": true, "consumerCpus": [0], "writerCpu": 0 }  """);

        var settings = EngineSettingsLoader.FromConfig(config, "engine.json");

        Assert.Multiple(() =>
        {
            Assert.That(settings.ConsumerCpus, Is.EqualTo(new[] { 0 }));
            Assert.That(settings.WriterCpu, Is.EqualTo(0));
        });
    }

    [Test]
    public void FromConfig_CpuThatDoesNotExist_RejectedNamingIt()
    {
        var missing = Environment.ProcessorCount;
        var consumer = Config($$"""  "pipeline": { "pinThreads": true, "consumerCpus": [0, {{missing}}] }  """);
        var writer = Config($$"""  "pipeline": { "pinThreads": true, "writerCpu": -1 }  """);

        var consumerError = Assert.Throws<InvalidDataException>(() => EngineSettingsLoader.FromConfig(consumer, "engine.json"));
        var writerError = Assert.Throws<InvalidDataException>(() => EngineSettingsLoader.FromConfig(writer, "engine.json"));

        Assert.Multiple(() =>
        {
            Assert.That(consumerError!.Message, Does.StartWith("engine.json: consumerCpus: CPU " + missing));
            Assert.That(writerError!.Message, Does.StartWith("engine.json: writerCpu: CPU -1"));
        });
    }

    [Test]
    public void FromConfig_CpusWithoutPinThreads_Rejected()
    {
        var config = Config("""  "pipeline": { "consumerCpus": [0] }  """);

        var error = Assert.Throws<InvalidDataException>(() => EngineSettingsLoader.FromConfig(config, "engine.json"));

        Assert.That(error!.Message, Does.Contain("set pinThreads to true"));
    }

    [Test]
    public void FromConfig_RingSizeNotPowerOfTwo_Rejected()
    {
        var config = Config("""  "pipeline": { "ringSize": 3000 }  """);

        var error = Assert.Throws<InvalidDataException>(() => EngineSettingsLoader.FromConfig(config, "engine.json"));

        Assert.That(error!.Message, Does.Contain("ringSize"));
    }
}
