using System.Text;
using IctEngine.Host.Configuration;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Configuration;

[TestFixture]
public sealed class EngineConfigLoaderTests
{
    private static EngineConfig Load(string json, string? dir = null) =>
        EngineConfigLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "engine.json", dir ?? TestContext.CurrentContext.WorkDirectory);

    [Test]
    public void Load_SampleFile_IsValid()
    {
        var dir = Directory.CreateTempSubdirectory("ict-config").FullName;
        var sample = Support.SampleData.Path("../tools/engine.sample.json");
        File.Copy(sample, Path.Combine(dir, "engine.json"));
        File.WriteAllText(Path.Combine(dir, "bridge.secret"), "correct-horse-battery\n");

        var config = EngineConfigLoader.Load(Path.Combine(dir, "engine.json"));

        Assert.That(config.Symbols, Is.EqualTo(new[] { "EURUSD" }));
        Assert.That(config.Bridge.ResolvedSecret, Is.EqualTo("correct-horse-battery"));
        Assert.That(config.Bridge.SymbolAliases["EURUSD.m"], Is.EqualTo("EURUSD"));
        Assert.That(config.Http.Enabled, Is.True);
        Assert.That(config.Strategy.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
    }

    [Test]
    public void Load_BadValues_ListsEveryProblemWithItsPath()
    {
        var e = Assert.Throws<InvalidDataException>(() => Load("""
            { "symbols": ["EURUSD", "DOGEUSD"], "store": "sqlite:x.db",
              "bridge": { "port": 70000, "secret": "short" },
              "alerts": { "latencyP99Ms": { "raise": 1, "clear": 3 } } }
            """));

        Assert.That(e!.Message, Does.Contain("engine.json: $.symbols[1]: 'DOGEUSD'"));
        Assert.That(e.Message, Does.Contain("$.bridge.port: 70000 is not a port"));
        Assert.That(e.Message, Does.Contain("$.bridge.secret"));
        Assert.That(e.Message, Does.Contain("$.alerts.latencyP99Ms"));
    }

    [Test]
    public void Load_UnknownProperty_NamesItsPathAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => Load("""
            { "symbols": ["EURUSD"], "store": "sqlite:x.db",
              "bridge": { "secret": "0123456789abcdef", "prot": 1 } }
            """));

        Assert.That(e!.Message, Does.StartWith("engine.json: $.bridge.prot (line 2)"));
    }

    [Test]
    public void Load_WrongType_NamesPath()
    {
        var e = Assert.Throws<InvalidDataException>(() => Load("""{ "symbols": ["EURUSD"], "store": "s", "http": { "port": "x" } }"""));

        Assert.That(e!.Message, Does.Contain("$.http.port"));
    }
}
