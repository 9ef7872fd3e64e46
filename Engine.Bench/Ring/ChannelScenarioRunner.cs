using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;
using IctEngine.Bench.Harness;

namespace IctEngine.Bench.Ring;

/// <summary>
/// The baseline: bounded <see cref="Channel"/>s (single reader, single writer, capacity = ring size), one per
/// stage hop, each consumer on its own thread, events passed by value.
/// </summary>
internal static class ChannelScenarioRunner
{
    private const int Capacity = 65536;

    /// <summary><paramref name="hops"/> channels in a chain; <paramref name="workPerEvent"/> sum operations per event on each consumer.</summary>
    public static double Throughput(int hops, int workPerEvent, long events)
    {
        var channels = new Channel<BenchEvent>[hops];
        for (var i = 0; i < hops; i++)
        {
            channels[i] = Create();
        }

        var consumers = new Thread[hops];
        var sums = new long[hops];
        for (var i = 0; i < hops; i++)
        {
            var hop = i;
            consumers[i] = new Thread(() =>
            {
                var reader = channels[hop].Reader;
                var writer = hop + 1 < hops ? channels[hop + 1].Writer : null;
                long count = 0;
                long sum = 0;
                while (count < events)
                {
                    while (reader.TryRead(out var e))
                    {
                        for (var w = 0; w < workPerEvent; w++)
                        {
                            sum += e.Value;
                        }

                        if (writer is not null)
                        {
                            Write(writer, e);
                        }

                        count++;
                    }

                    if (count < events)
                    {
                        WaitToRead(reader);
                    }
                }

                sums[hop] = sum;
            }) { IsBackground = true, Name = "channel:" + i };
        }

        var clock = Stopwatch.StartNew();
        foreach (var consumer in consumers)
        {
            consumer.Start();
        }

        var first = channels[0].Writer;
        for (long i = 0; i < events; i++)
        {
            Write(first, new BenchEvent { Value = i });
        }

        foreach (var consumer in consumers)
        {
            consumer.Join();
        }

        return events / clock.Elapsed.TotalSeconds;
    }

    /// <summary>A producer paced at <paramref name="rate"/> events/s into one channel; publish-to-consume latency.</summary>
    public static (double Rate, LongHistogram Histogram) Latency(long rate, long events)
    {
        var channel = Create();
        var histogram = RingHarness.NewHistogram();
        var consumer = new Thread(() =>
        {
            var reader = channel.Reader;
            long count = 0;
            while (count < events)
            {
                while (reader.TryRead(out var e))
                {
                    histogram.RecordValue(RingHarness.TicksToNs(Stopwatch.GetTimestamp() - e.PublishedAt));
                    count++;
                }

                if (count < events)
                {
                    WaitToRead(reader);
                }
            }
        }) { IsBackground = true };
        consumer.Start();
        var pacer = new Pacer(rate);
        for (long i = 0; i < events; i++)
        {
            pacer.WaitFor(i);
            Write(channel.Writer, new BenchEvent { Value = i, PublishedAt = Stopwatch.GetTimestamp() });
        }

        consumer.Join();
        return (events / Stopwatch.GetElapsedTime(pacer.Start).TotalSeconds, histogram);
    }

    private static Channel<BenchEvent> Create() =>
        Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });

    private static void Write(ChannelWriter<BenchEvent> writer, BenchEvent e)
    {
        while (!writer.TryWrite(e))
        {
            var wait = writer.WaitToWriteAsync();
            if (!wait.IsCompleted)
            {
                wait.AsTask().GetAwaiter().GetResult();
            }
        }
    }

    private static void WaitToRead(ChannelReader<BenchEvent> reader)
    {
        var wait = reader.WaitToReadAsync();
        if (!wait.IsCompleted)
        {
            wait.AsTask().GetAwaiter().GetResult();
        }
    }
}
