using System.Net;
using System.Net.Sockets;
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
    public void SessionPath_SocketFramesReadDecodedPublishedRecorded_AllocatesNothingPerTick()
    {
        // The whole receive path of a session thread: socket → FrameBuffer → codec → BridgeFeed → recorder + ring.
        var dir = Directory.CreateTempSubdirectory("ict-session").FullName;
        try
        {
            var catalog = InstrumentCatalog.Default;
            var eurusd = catalog.Get("EURUSD");
            var ticks = SampleTicks.Load("EURUSD", "20140504").ToArray();
            var forward = new ForwardingEventPublisher();
            var feed = new BridgeFeed(catalog, forward);
            using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "s" }, feed);
            var broker = new Mt5Broker(listener, feed, new ReplayClock());
            using var pipeline = new TradingPipeline(catalog, new EngineSettings(), null, "session", broker, ProducerType.Multi);
            var recorders = new TickStoreWriter?[catalog.Count];
            recorders[eurusd.Id] = new TickStoreWriter(Path.Combine(dir, "EURUSD.ticks"), eurusd);
            var publisher = new LiveEventPublisher(pipeline, broker, recorders);
            forward.Target = publisher;
            pipeline.Start();

            // The day three times over, a week apart so nothing is dropped as a duplicate: the first pass warms up
            // (first recorder flush, socket and ring start-up), the later ones are measured.
            const int passes = 3;
            var stream = new MemoryStream();
            var frame = new byte[BridgeCodec.MaxFixedFrame];
            stream.Write(frame, 0, BridgeCodec.WriteSymbolSpec(frame, new SymbolSpecMessage { Symbol = 1, Name = "EURUSD", Digits = 5 }));
            var scale = Math.Pow(10, eurusd.Digits);
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var t in ticks)
                {
                    var ms = t.TimeNs / Timestamp.NanosPerMillisecond + pass * 7L * 86_400_000;
                    var m = new TickMessage { Symbol = 1, Flags = t.Flags, TimeMs = ms, Bid = t.Bid / scale, Ask = t.Ask / scale };
                    stream.Write(frame, 0, BridgeCodec.WriteTick(frame, m));
                }
            }

            using var server = new TcpListener(IPAddress.Loopback, 0);
            server.Start();
            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            client.Connect((IPEndPoint)server.LocalEndpoint);
            using var connection = new BridgeConnection(server.AcceptSocket());
            var bytes = stream.ToArray();
            var sender = new Thread(() => client.Send(bytes)) { IsBackground = true };
            sender.Start();

            var perPass = new long[passes];
            Assert.That(connection.ReadFrame(10_000, out var specType, out var spec, out _), Is.EqualTo(FrameReadStatus.Frame));
            feed.OnFrame(specType, spec);
            for (var pass = 0; pass < passes; pass++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < ticks.Length; i++)
                {
                    // No Assert in the loop: a constraint allocates.
                    if (connection.ReadFrame(10_000, out var type, out var payload, out _) != FrameReadStatus.Frame)
                    {
                        break;
                    }

                    feed.OnFrame(type, payload);
                }

                perPass[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            sender.Join();
            Assert.That(pipeline.Complete(TimeSpan.FromSeconds(20)), Is.True);
            recorders[eurusd.Id]!.Dispose();
            Assert.That(perPass[1..], Is.All.Zero, $"bytes per pass of {ticks.Length} ticks: {string.Join(", ", perPass)}");
            Assert.That(publisher.Ticks, Is.EqualTo(passes * ticks.Length));
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
