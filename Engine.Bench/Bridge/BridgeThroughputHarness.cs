using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bench.Bridge;

/// <summary>
/// Bridge tick throughput: (1) decode — frame reassembly, tick decode, fixed-point conversion and publish, in memory;
/// (2) loopback — terminal simulator → TCP → listener → feed → publisher, as fast as the socket allows.
/// </summary>
public sealed class BridgeThroughputHarness : IHarness
{
    public string Name => "bridge";

    public string Description => "Bridge tick throughput: in-memory decode path and loopback TCP end to end.";

    public int Run(string[] args)
    {
        var options = HarnessArgs.Parse(args);
        var decodeTicks = options.Quick ? 200_000 : 5_000_000;
        var loopbackTicks = options.Quick ? 50_000 : 1_000_000;
        var decode = new List<double>();
        var loopback = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            decode.Add(Decode(decodeTicks));
            loopback.Add(Loopback(loopbackTicks));
        }

        decode.Sort();
        loopback.Sort();
        Console.WriteLine($"{"measurement",-12} {"ticks",10} {"median ticks/s",16} {"min",14} {"max",14}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"decode",-12} {decodeTicks,10} {decode[decode.Count / 2],16:N0} {decode[0],14:N0} {decode[^1],14:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"loopback",-12} {loopbackTicks,10} {loopback[loopback.Count / 2],16:N0} {loopback[0],14:N0} {loopback[^1],14:N0}"));
        if (options.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(new
            {
                harness = Name,
                quick = options.Quick,
                runs = options.Runs,
                decodeTicksPerSecond = decode,
                loopbackTicksPerSecond = loopback,
            }));
        }

        return 0;
    }

    private static double Decode(int count)
    {
        var publisher = new CountingPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher);
        var frame = new byte[BridgeCodec.MaxFixedFrame];
        var n = BridgeCodec.WriteSymbolSpec(frame, new SymbolSpecMessage { Symbol = 0, Name = "EURUSD", Digits = 5 });
        feed.OnFrame(BridgeMessageType.SymbolSpec, frame.AsSpan(BridgeProtocol.HeaderSize, n - BridgeProtocol.HeaderSize));

        // A block of frames as a socket read would deliver them.
        const int block = 1000;
        var bytes = new byte[block * (BridgeProtocol.HeaderSize + BridgeProtocol.TickPayload)];
        var buffer = new FrameBuffer();
        var timeMs = 1_400_000_000_000L;
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < count; done += block)
        {
            var offset = 0;
            for (var i = 0; i < block; i++)
            {
                offset += BridgeCodec.WriteTick(bytes.AsSpan(offset), new TickMessage { Symbol = 0, Flags = TickFlags.Bid | TickFlags.Ask, TimeMs = timeMs++, Bid = 1.08091, Ask = 1.08093 });
            }

            buffer.Append(bytes.AsSpan(0, offset));
            while (buffer.TryTake(out var type, out var payload, out _) == FrameReadStatus.Frame)
            {
                feed.OnFrame(type, payload);
            }
        }

        return publisher.Ticks / watch.Elapsed.TotalSeconds;
    }

    private static double Loopback(int count)
    {
        var ticks = new Tick[count];
        for (var i = 0; i < count; i++)
        {
            ticks[i] = new Tick((1_400_000_000_000L + i) * Timestamp.NanosPerMillisecond, 108_000 + (i % 100), 108_002 + (i % 100));
        }

        var publisher = new CountingPublisher();
        var feed = new BridgeFeed(InstrumentCatalog.Default, publisher, new BridgeFeedOptions { StartFromMs = 1 });
        using var listener = new BridgeListener(new BridgeListenerOptions { Port = 0, Secret = "bench-secret" }, feed);
        listener.Start();
        using var simulator = new TerminalSimulator(new TerminalSimulatorOptions { Port = listener.Port, Secret = "bench-secret", Speed = 0 }, ticks);
        var watch = Stopwatch.StartNew();
        simulator.Start();
        while (Volatile.Read(ref publisher.Ticks) < count && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(1);
        }

        return Volatile.Read(ref publisher.Ticks) / watch.Elapsed.TotalSeconds;
    }

    private sealed class CountingPublisher : IEventPublisher
    {
        public long Ticks;

        public void PublishTick(in Tick tick) => Volatile.Write(ref Ticks, Ticks + 1);

        public void PublishReport(in BrokerReport report)
        {
        }
    }
}
