using IctEngine.Core;
using IctEngine.Host.Configuration;
using IctEngine.Host.Live;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Live;

[TestFixture]
public sealed class LiveEngineTests
{
    [Test]
    public void Constructor_EarlierRecordingExists_FeedResumesAfterItsLastTick()
    {
        var dir = Directory.CreateTempSubdirectory("ict-live").FullName;
        try
        {
            var eurusd = InstrumentCatalog.Default.Get("EURUSD");
            var ticks = SampleTicks.Load("EURUSD", "20140504").Take(1000).ToArray();
            Directory.CreateDirectory(Path.Combine(dir, "ticks"));
            using (var earlier = new TickStoreWriter(Path.Combine(dir, "ticks", "EURUSD-live-earlier.ticks"), eurusd))
            {
                earlier.Append(ticks);
            }

            var lastMs = ticks[^1].TimeNs / Timestamp.NanosPerMillisecond;
            var atLastMs = ticks.Count(t => t.TimeNs / Timestamp.NanosPerMillisecond == lastMs);
            var path = Path.Combine(dir, "engine.json");
            File.WriteAllText(path, """{ "symbols": ["EURUSD"], "store": "sqlite:ict.db", "bridge": { "port": 1, "secret": "0123456789abc" }, "recording": { "path": "ticks" }, "logging": { "directory": "" } }""");

            using var engine = new LiveEngine(EngineConfigLoader.Load(path), path, "live-next");

            Assert.That(engine.Feed.CursorOf(eurusd.Id), Is.EqualTo((lastMs, atLastMs)));
            Assert.That(engine.Recordings.Single().Paths.Single(), Does.EndWith("EURUSD-live-next.ticks"));
            Assert.That(engine.Settings.WaitStrategy, Is.EqualTo(WaitStrategyKind.Blocking));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
