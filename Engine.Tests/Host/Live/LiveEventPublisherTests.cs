using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Host.Live;
using IctEngine.Replay;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Live;

[TestFixture]
[CancelAfter(60_000)]
public sealed class LiveEventPublisherTests
{
    [Test]
    public void PublishTick_RecordingAndPublishing_AllocatesNothingOnTheFeedThread()
    {
        var dir = Directory.CreateTempSubdirectory("ict-publisher").FullName;
        try
        {
            var catalog = InstrumentCatalog.Default;
            var eurusd = catalog.Get("EURUSD");
            var ticks = SampleTicks.Load("EURUSD", "20140504").ToArray();
            var feed = new BridgeFeed(catalog, new TranslatingEventPublisher());
            using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
            var broker = new Mt5Broker(listener, feed, new ReplayClock());
            using var pipeline = new TradingPipeline(catalog, new EngineSettings(), null, "alloc", broker, ProducerType.Multi);
            var recorders = new TickStoreWriter?[catalog.Count];
            recorders[eurusd.Id] = new TickStoreWriter(Path.Combine(dir, "EURUSD.ticks"), eurusd);
            var publisher = new LiveEventPublisher(pipeline, broker, recorders);
            pipeline.Start();

            long least = long.MaxValue;
            for (var run = 0; run < 3; run++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                foreach (ref readonly var tick in ticks.AsSpan())
                {
                    publisher.PublishTick(in tick);
                }

                least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
                publisher.FlushRecorders();
            }

            Assert.That(pipeline.Complete(TimeSpan.FromSeconds(20)), Is.True);
            recorders[eurusd.Id]!.Dispose();
            Assert.That(least, Is.Zero);
            Assert.That(publisher.Ticks, Is.EqualTo(3L * ticks.Length));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void MarketTimeNs_BeforeAndAfterFirstTick_ZeroThenAtLeastTheTickTime()
    {
        var catalog = InstrumentCatalog.Default;
        var feed = new BridgeFeed(catalog, new TranslatingEventPublisher());
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
        var broker = new Mt5Broker(listener, feed, new ReplayClock());
        using var pipeline = new TradingPipeline(catalog, new EngineSettings(), null, "time", broker, ProducerType.Multi);
        var publisher = new LiveEventPublisher(pipeline, broker, new TickStoreWriter?[catalog.Count]);
        pipeline.Start();
        var tick = SampleTicks.Load("EURUSD", "20140504")[0];

        var before = publisher.MarketTimeNs();
        publisher.PublishTick(in tick);
        var after = publisher.MarketTimeNs();

        Assert.That(before, Is.Zero);
        Assert.That(after, Is.GreaterThanOrEqualTo(tick.TimeNs).And.LessThan(tick.TimeNs + 10 * Timestamp.NanosPerSecond));
        Assert.That(pipeline.Complete(TimeSpan.FromSeconds(10)), Is.True);
    }
}
