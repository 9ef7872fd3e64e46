using System.Diagnostics;
using IctEngine.Bench.Harness;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Replay;
using IctEngine.Ticks;

namespace IctEngine.Bench.Replay;

/// <summary>
/// One measured run of the full pipeline (validation → SMC → strategy → risk → simulated execution → journal into
/// SQLite) fed by a tick source callback; the clock runs from start to the last decision flushed.
/// </summary>
public static class PipelineRun
{
    // Calls of the paced publisher per warm-up lap: enough calls for the runtime to promote it to its final tier.
    private const int PacedCallsPerLap = 20;

    /// <summary>Publishes ticks into the pipeline; returns how many.</summary>
    public delegate long Feed(TradingPipeline pipeline);

    public static PipelineRunResult Run(InstrumentCatalog catalog, EngineSettings settings, string workDir, Feed feed, bool journalToStore = true)
    {
        var dbPath = Path.Combine(workDir, $"run-{Guid.NewGuid():N}.db");
        try
        {
            using var store = EventStoreFactory.Open("sqlite:" + dbPath);
            using var pipeline = new TradingPipeline(catalog, settings, journalToStore ? store : null, "bench");
            var gen0 = GC.CollectionCount(0);
            var gen1 = GC.CollectionCount(1);
            var gen2 = GC.CollectionCount(2);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            pipeline.Start();
            var ticks = feed(pipeline);
            if (!pipeline.Complete(TimeSpan.FromMinutes(5)))
            {
                throw new InvalidOperationException("The pipeline did not complete: " + string.Join("; ", pipeline.Faults.Select(f => f.Exception.Message)));
            }

            var elapsed = clock.Elapsed;

            // Read before the pipeline is disposed: the writer thread ends with it.
            var writerCpu = journalToStore ? ThreadCpuTime.TotalNs(ThreadCpuTime.JournalWriter) : null;
            return new PipelineRunResult(
                ticks,
                elapsed,
                GC.GetTotalAllocatedBytes(precise: true) - allocated,
                GC.CollectionCount(0) - gen0,
                GC.CollectionCount(1) - gen1,
                GC.CollectionCount(2) - gen2,
                pipeline.Latency.Snapshot(),
                pipeline.Latency.ServiceSnapshot(),
                pipeline.Journal.Count,
                writerCpu);
        }
        finally
        {
            foreach (var file in Directory.GetFiles(workDir, Path.GetFileName(dbPath) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Feeds a tick file (native store or Lean zips) through the pipeline's batch publisher.</summary>
    public static Feed FromFiles(IReadOnlyList<string> paths, Instrument instrument) => pipeline =>
    {
        using var reader = TickSources.Open(paths, null, instrument);
        var buffer = new Tick[8192];
        long total = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            pipeline.PublishTicks(buffer.AsSpan(0, n));
            total += n;
        }

        return total;
    };

    /// <summary>
    /// Feeds <paramref name="total"/> ticks made of the sample repeated with shifted time, each tick copied to every
    /// symbol in <paramref name="symbolIds"/> (1 ns apart so that they interleave), without touching the disk.
    /// <paramref name="checkpoint"/> is called every <paramref name="checkpointEvery"/> ticks.
    /// </summary>
    public static Feed Repeated(Tick[] sample, long total, int[] symbolIds, long checkpointEvery = long.MaxValue, Action<long>? checkpoint = null) => pipeline =>
    {
        var shift = BenchData.RepetitionShift(sample);
        var chunk = new Tick[4096];
        var fill = 0;
        long published = 0;
        var nextCheckpoint = checkpointEvery;
        for (var rep = 0L; published + fill < total; rep++)
        {
            for (var i = 0; i < sample.Length && published + fill < total; i++)
            {
                for (var s = 0; s < symbolIds.Length && published + fill < total; s++)
                {
                    ref var t = ref chunk[fill++];
                    t = sample[i];
                    t.TimeNs += (rep * shift) + s;
                    t.SymbolId = symbolIds[s];
                    if (fill == chunk.Length)
                    {
                        pipeline.PublishTicks(chunk);
                        published += fill;
                        fill = 0;
                        if (published >= nextCheckpoint)
                        {
                            checkpoint?.Invoke(published);
                            nextCheckpoint += checkpointEvery;
                        }
                    }
                }
            }
        }

        if (fill > 0)
        {
            pipeline.PublishTicks(chunk.AsSpan(0, fill));
            published += fill;
        }

        return published;
    };

    /// <summary>Publishes <paramref name="count"/> ticks from <paramref name="from"/> on, one every 1/rate s (busy-wait).</summary>
    private static void PublishPaced(TradingPipeline pipeline, Tick[] sample, long shift, long from, long count, double ratePerSecond)
    {
        var pacer = new Pacer(ratePerSecond);
        for (long i = 0; i < count; i++)
        {
            pacer.WaitFor(i);
            pipeline.PublishTick(TickAt(sample, shift, from + i));
        }
    }

    /// <summary>Warm-up laps until the JIT is quiet (or 30 s passed); returns the ticks published.</summary>
    private static long WarmUntilJitQuiet(TradingPipeline pipeline, Tick[] sample, long shift, double ratePerSecond)
    {
        var lap = (long)pipeline.Settings.RingSize;
        var paced = (long)Math.Max(1, ratePerSecond / 400); // 2.5 ms per call, 50 ms per lap
        var start = Stopwatch.GetTimestamp();
        var quietSince = start;
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        long published = 0;
        while (true)
        {
            for (var i = 0L; i < lap; i++)
            {
                pipeline.PublishTick(TickAt(sample, shift, published++));
            }

            // The timed producer's own method, in short calls, so that it reaches its final tier here too.
            for (var call = 0; call < PacedCallsPerLap; call++)
            {
                PublishPaced(pipeline, sample, shift, published, paced, ratePerSecond);
                published += paced;
            }

            pipeline.Ring.Drain(TimeSpan.FromMinutes(1));
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quietSince = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(quietSince) >= TimeSpan.FromMilliseconds(500) || Stopwatch.GetElapsedTime(start) >= TimeSpan.FromSeconds(30))
            {
                return published;
            }
        }
    }

    /// <summary>
    /// Publishes the sample one tick at a time at <paramref name="ratePerSecond"/> (busy-wait pacing) after an
    /// untimed warm-up; returns every tick published, warm-up included. The producer thread is pinned to
    /// <paramref name="producerCpu"/> when given.
    /// </summary>
    public static Feed Paced(Tick[] sample, double ratePerSecond, long count, int? producerCpu = null) => pipeline =>
    {
        // Warm-up, not timed: laps of the ring as fast as it goes (every slot's memory touched) alternating with a
        // short paced stretch through the timed producer's own method (the waiting and latency-recording code
        // paths), repeated until no method has been compiled for half a second; the pipeline is idle after it.
        // Without it the runtime's tiering thread recompiles the stages during the timed runs and takes the
        // consumer's CPU for ~0.5-3.5 ms each time (docs/PERFORMANCE.md).
        var shift = BenchData.RepetitionShift(sample);
        var warmup = WarmUntilJitQuiet(pipeline, sample, shift, ratePerSecond);
        pipeline.Latency.Reset(); // drained: the warm-up timed its ticks too (the same code paths), forget them

        // The paced producer runs on its own thread so that, with pinned threads, it can share the journal writer's
        // CPU and leave the consumer's core alone, as a feed thread would.
        var producer = new Thread(() =>
        {
            if (producerCpu is { } cpu)
            {
                CpuAffinity.TryPinCurrentThread(cpu);
            }

            PublishPaced(pipeline, sample, shift, warmup, count, ratePerSecond);
        }) { Name = "bench-paced-producer" };
        producer.Start();
        producer.Join();
        return warmup + count;
    };

    private static Tick TickAt(Tick[] sample, long shift, long i)
    {
        var tick = sample[i % sample.Length];
        tick.TimeNs += (i / sample.Length) * shift;
        return tick;
    }
}
