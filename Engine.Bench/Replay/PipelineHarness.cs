using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Ring;
using IctEngine.Ticks;

namespace IctEngine.Bench.Replay;

/// <summary>
/// <c>pipeline [--quick] [--runs N] [--json FILE]</c>: the whole engine the way users run it. Replay throughput
/// (native store vs Lean zips, fused vs threaded), paced tick-to-decision latency per stage at 10k/100k/1M ticks/s,
/// allocation and memory over long runs, cost per tick as symbols and history grow, each stage's own service time per
/// tick (the floor under the latency percentiles) and where the time goes per tick. Sections can be picked by name
/// (<c>throughput latency memory scaling service stages</c>; <c>nostore</c> and <c>stages-full</c> only by name).
/// Figures are medians of the runs; ratios compare rows of the same run.
/// </summary>
public sealed class PipelineHarness : IHarness
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Two consumer threads, one per core here: validation and SMC, then risk, execution and the journal.</summary>
    private const string TwoGroups = "validation,smc|risk,execution,journal";

    private static readonly string[] Threadings = ["fused", "threads", TwoGroups];

    public string Name => "pipeline";

    public string Description => "Full pipeline: replay throughput, paced latency per stage, allocation/memory, scaling";

    public int Run(string[] args)
    {
        var o = HarnessArgs.Parse(args);
        var catalog = InstrumentCatalog.Default;
        var eur = catalog.Get("EURUSD");
        var sample = BenchData.LoadSample(eur);
        var work = Directory.CreateTempSubdirectory("ict-bench-pipeline-").FullName;
        var results = new List<PipelineBenchResult>();
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"pipeline harness: {(o.Quick ? "quick" : "full")}, {o.Runs} runs per figure (medians), {Environment.ProcessorCount} cores, sample {sample.Length:N0} real ticks");
        try
        {
            // Sections can be picked by name: pipeline --quick throughput latency; latency rows by label with
            // dashes for spaces: pipeline latency --rows 100k/s-nostore-pin,100k/s-pin
            var rows = o.Value("--rows");
            var sections = rows is null ? o.Rest : o.Rest.Where(a => a != "--rows" && a != rows).ToList();
            var latencyRows = rows?.Split(',', StringSplitOptions.TrimEntries);
            bool Wants(string section) => sections.Count == 0 || sections.Contains(section);
            if (Wants("throughput"))
            {
                Throughput(o, catalog, eur, sample, work, results);
            }

            if (o.Rest.Contains("nostore"))
            {
                // The ring and every stage without the store: the compute path alone (not part of the default run).
                var n = o.Quick ? 2_000_000L : 20_000_000L;
                var inputs = new[] { ("long .ticks", BenchData.WriteLongStore(sample, eur, n, work)), ("long Lean zips", BenchData.WriteLongLeanFolder(sample, n, work)) };
                foreach (var (input, file) in inputs)
                {
                    var reads = new double[o.Runs];
                    for (var r = 0; r < reads.Length; r++)
                    {
                        reads[r] = ReadOnly(file, eur);
                    }

                    Array.Sort(reads);
                    Console.WriteLine($"  read only, {input}: {reads[reads.Length / 2]:N0} ticks/s, {1e9 / reads[reads.Length / 2]:F1} ns/tick (the reader's ceiling)");
                    results.Add(new PipelineBenchResult("throughput", "read-only", input, "-", 0, reads[reads.Length / 2], 1e9 / reads[reads.Length / 2]));
                    foreach (var threading in Threadings)
                    {
                        var runs = Repeat(o.Runs, () => PipelineRun.Run(catalog, new EngineSettings { Threading = threading }, work, PipelineRun.FromFiles([file], eur), journalToStore: false));
                        var tps = Median(runs, r => r.TicksPerSecond);
                        Console.WriteLine($"  no store, {input}, {threading}: {tps:N0} ticks/s, {1e9 / tps:F1} ns/tick");
                        results.Add(new PipelineBenchResult("throughput", "replay-no-store", input, threading, runs[0].Ticks, tps, 1e9 / tps));
                    }
                }
            }

            if (o.Rest.Contains("stages-full"))
            {
                // Only the full stage chain, for a sampling profiler (perf record); not part of the default run.
                var ticks = BenchData.Repeat(sample, o.Quick ? 2_000_000 : 10_000_000);
                for (var r = 0; r < o.Runs + 1; r++)
                {
                    Console.WriteLine($"  all stages {StageProfile.NsPerTick(catalog, new EngineSettings(), ticks, StageProfile.Variants.Length):F1} ns/tick");
                }
            }

            if (Wants("latency"))
            {
                Latency(o, catalog, sample, work, results, latencyRows);
            }

            if (Wants("memory"))
            {
                Memory(o, catalog, sample, work, results);
            }

            if (Wants("scaling"))
            {
                Scaling(o, catalog, eur, sample, work, results);
            }

            // Last: its multi-million-tick arrays would otherwise set the process's peak working set that the memory
            // section reports.
            if (Wants("service"))
            {
                Service(o, catalog, sample, results);
            }

            if (Wants("stages"))
            {
                Stages(o, catalog, eur, sample, results);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Console.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
        if (o.JsonPath is { } path)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(results, new JsonSerializerOptions
            {
                WriteIndented = true,
                PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            }) + Environment.NewLine);
            Console.WriteLine($"wrote {path}");
        }

        return 0;
    }

    private static void Throughput(HarnessArgs o, InstrumentCatalog catalog, Instrument eur, Tick[] sample, string work, List<PipelineBenchResult> results)
    {
        var longTicks = o.Quick ? 2_000_000L : 20_000_000L;
        var sampleStore = BenchData.WriteLongStore(sample, eur, sample.Length, work);
        var longStore = BenchData.WriteLongStore(sample, eur, longTicks, work);
        var inputs = new (string Name, string Path)[]
        {
            ("sample .ticks", sampleStore),
            ("sample Lean zips", BenchData.SampleFolder()),
            ($"long .ticks ({longTicks / 1_000_000}M)", longStore),
            ($"long Lean zips ({longTicks / 1_000_000}M)", BenchData.WriteLongLeanFolder(sample, longTicks, work)),
        };
        Console.WriteLine();
        Console.WriteLine("1. Replay throughput, full pipeline into SQLite (ticks/s, median)");
        Console.WriteLine($"{"input",-24} {"threading",-10} {"ticks",12} {"ticks/s",14} {"ns/tick",9} {"decisions",10} {"writer ns/dec",13}   (two groups = {TwoGroups})");
        var table = new Dictionary<(string, string), double>();
        foreach (var (name, path) in inputs)
        {
            foreach (var threading in Threadings)
            {
                var settings = new EngineSettings { Threading = threading };
                var runs = Repeat(o.Runs, () => PipelineRun.Run(catalog, settings, work, PipelineRun.FromFiles([path], eur)));
                var tps = Median(runs, r => r.TicksPerSecond);
                table[(name, threading)] = tps;
                var ticks = runs[0].Ticks;
                Console.WriteLine($"{name,-24} {(threading == TwoGroups ? "two groups" : threading),-10} {ticks,12:N0} {tps,14:N0} {1e9 / tps,9:F1} {runs[0].Decisions,10:N0} {Median(runs, r => r.WriterNsPerDecision ?? double.NaN),13:F0}");
                results.Add(new PipelineBenchResult("throughput", "replay", name, threading, ticks, tps, 1e9 / tps)
                {
                    WriterNsPerDecision = runs[0].WriterNsPerDecision is null ? null : Median(runs, r => r.WriterNsPerDecision ?? double.NaN),
                });
            }
        }

        // Where the time goes per tick: each stage's mean service time (sampled, fused, long input).
        var profile = Repeat(o.Runs, () => PipelineRun.Run(catalog, new EngineSettings(), work, PipelineRun.FromFiles([longStore], eur)));
        var means = new double[TradingPipeline.StageNames.Length];
        for (var s = 0; s < means.Length; s++)
        {
            var stage = s;
            means[s] = Median(profile, r => r.Service[stage].MeanNs);
        }

        var wall = Median(profile, r => r.NsPerTick);
        Console.WriteLine($"  profile per tick (fused, {inputs[2].Name}): wall {wall:F0} ns = " + string.Join(" + ",
            TradingPipeline.StageNames.Select((n, i) => $"{n} {means[i]:F0}")) + $" + ring/producer/reader {wall - means.Sum():F0} ns");
        for (var s = 0; s < means.Length; s++)
        {
            results.Add(new PipelineBenchResult("profile", "stage-mean-service", inputs[2].Name, "fused", profile[0].Ticks, null, means[s], TradingPipeline.StageNames[s]));
        }

        // The same long input with the journal hashing decisions but not writing them: the store's share.
        var longName = inputs[2].Name;
        var dry = Repeat(o.Runs, () => PipelineRun.Run(catalog, new EngineSettings(), work, PipelineRun.FromFiles([longStore], eur), journalToStore: false));
        var dryTps = Median(dry, r => r.TicksPerSecond);
        Console.WriteLine($"{longName,-24} {"fused",-10} {dry[0].Ticks,12:N0} {dryTps,14:N0} {1e9 / dryTps,9:F1} {dry[0].Decisions,10:N0}  (journal hashes only: no store)");
        results.Add(new PipelineBenchResult("throughput", "replay-no-store", longName, "fused", dry[0].Ticks, dryTps, 1e9 / dryTps));
        Console.WriteLine($"  {longName}: no store/SQLite (fused) = {dryTps / table[(longName, "fused")]:F2}x");
        foreach (var (name, _) in inputs)
        {
            Console.WriteLine($"  {name}: fused/threads = {table[(name, "fused")] / table[(name, "threads")]:F2}x, fused/two groups = {table[(name, "fused")] / table[(name, TwoGroups)]:F2}x");
        }

        Console.WriteLine($"  sample: .ticks/Lean zips (fused) = {table[("sample .ticks", "fused")] / table[("sample Lean zips", "fused")]:F2}x");
        Console.WriteLine($"  long: .ticks/Lean zips (fused) = {table[(inputs[2].Name, "fused")] / table[(inputs[3].Name, "fused")]:F2}x");
    }

    private static void Stages(HarnessArgs o, InstrumentCatalog catalog, Instrument eur, Tick[] sample, List<PipelineBenchResult> results)
    {
        var ticks = BenchData.Repeat(sample, o.Quick ? 2_000_000 : 10_000_000);
        var rounds = Math.Max(5, o.Runs);
        Console.WriteLine();
        Console.WriteLine($"Profile: stages driven directly on one thread, no ring, no clock per stage ({ticks.Length:N0} ticks, process CPU ns/tick, best of {rounds} interleaved rounds; journal hashes only)");
        var settings = new EngineSettings();
        StageProfile.NsPerTick(catalog, settings, ticks, StageProfile.Variants.Length); // warm-up: JIT tiers

        // The variants run in turn within each round, so that drift on a shared machine touches them all alike, and
        // the best round of each is its cost: interference only ever adds time.
        var variants = StageProfile.Variants.Length + 1;
        var best = new double[variants];
        Array.Fill(best, double.MaxValue);
        for (var r = 0; r < rounds; r++)
        {
            for (var v = 0; v < variants; v++)
            {
                var ns = v < StageProfile.Variants.Length
                    ? StageProfile.NsPerTick(catalog, settings, ticks, v + 1)
                    : StageProfile.NsPerTick(catalog, settings, ticks, StageProfile.Variants.Length, journal: false);
                best[v] = Math.Min(best[v], ns);
            }
        }

        var previous = 0.0;
        for (var v = 0; v < StageProfile.Variants.Length; v++)
        {
            Console.WriteLine($"  {StageProfile.Variants[v],-12} {best[v],8:F1} ns/tick cumulative, {best[v] - previous,7:F1} ns/tick added");
            results.Add(new PipelineBenchResult("stages", "direct-" + StageProfile.Variants[v].TrimStart('+'), "repeated sample", "direct", ticks.Length, 1e9 / best[v], best[v], StageProfile.Variants[v].TrimStart('+')));
            previous = best[v];
        }

        var unjournaled = best[^1];
        Console.WriteLine($"  {"journal",-12} {previous - unjournaled,7:F1} ns/tick of the total: encoding and hashing the decisions (all stages without it: {unjournaled:F1} ns/tick)");
        results.Add(new PipelineBenchResult("stages", "direct-no-journal", "repeated sample", "direct", ticks.Length, 1e9 / unjournaled, unjournaled, "journal"));
    }

    private static void Latency(HarnessArgs o, InstrumentCatalog catalog, Tick[] sample, string work, List<PipelineBenchResult> results, string[]? onlyRows)
    {
        var seconds = o.Quick ? 1.0 : 5.0;
        Console.WriteLine();
        Console.WriteLine($"2. Tick-to-decision latency, paced source, every tick timed after an untimed warm-up that lasts until the JIT is quiet ({seconds:F0} s per run; ns from publication to the end of each stage, median of runs)");
        Console.WriteLine($"{"rate",-18} {"stage",-11} {"p50",9} {"p99",9} {"p99.9",9} {"p99.99",9} {"max",11}   {"service p50",11}");
        // Pinned rows: "quiet" puts the consumer on the CPU that handles the fewest device interrupts (the journal's
        // disk completions land on one CPU) and the paced producer and the writer on another; "last" is the
        // engine's default layout (consumer on the last CPU, writer on CPU 0), whatever the interrupts.
        var irqs = DeviceInterrupts.PerCpu();
        var (quietCpu, otherCpu) = DeviceInterrupts.Layout();
        Console.WriteLine($"  device interrupts per CPU since boot: {(irqs is null ? "unknown" : string.Join(", ", irqs.Select((n, c) => $"CPU{c} {n:N0}")))}; pinned 'quiet' rows: consumer on CPU{quietCpu}, producer and writer on CPU{otherCpu}");
        var gaps = SchedulingGapProbe.Measure(quietCpu, TimeSpan.FromSeconds(o.Quick ? 1 : 3));
        Console.WriteLine($"  platform floor: a lone thread spinning on CPU{quietCpu}{(gaps.Pinned ? "" : " (not pinned)")} lost {gaps.LostFraction:P2} of its time to {gaps.Gaps:N0} gaps over 10 µs (longest {gaps.LongestNs / 1000:N0} µs); a consumer there cannot do better");
        var rows = new (int Rate, string Threading, bool ToStore, WaitStrategyKind Wait, string Pin)[]
        {
            (10_000, "fused", true, WaitStrategyKind.Yielding, ""),
            (100_000, "fused", true, WaitStrategyKind.Yielding, ""),
            (100_000, "fused", true, WaitStrategyKind.BusySpin, ""),
            (100_000, "threads", true, WaitStrategyKind.Yielding, ""),
            (100_000, "fused", false, WaitStrategyKind.Yielding, ""),
            (100_000, "fused", true, WaitStrategyKind.Yielding, "quiet"),
            (100_000, "fused", true, WaitStrategyKind.Yielding, "last"),
            (100_000, "fused", true, WaitStrategyKind.BusySpin, "quiet"),
            (100_000, "fused", false, WaitStrategyKind.Yielding, "quiet"),
            (1_000_000, "fused", true, WaitStrategyKind.Yielding, ""),
            (1_000_000, "fused", true, WaitStrategyKind.Yielding, "quiet"),
        };
        foreach (var (rate, threading, toStore, wait, pin) in rows)
        {
            var label = (rate >= 1_000_000 ? $"{rate / 1_000_000}M/s" : $"{rate / 1000}k/s") + (threading == "fused" ? "" : " thr") + (toStore ? "" : " nostore") + (wait == WaitStrategyKind.BusySpin ? " spin" : "") + (pin == "quiet" ? " pin" : pin == "last" ? " pin-last" : "");
            if (onlyRows is not null && Array.IndexOf(onlyRows, label.Replace(' ', '-')) < 0)
            {
                continue;
            }

            var pinned = pin.Length > 0;
            var lastCpu = Math.Max(0, Environment.ProcessorCount - 1);
            var count = (long)(rate * seconds);
            var settings = new EngineSettings
            {
                Threading = threading, LatencySampleShift = 0, WaitStrategy = wait, PinThreads = pinned,
                ConsumerCpus = pin == "quiet" ? [quietCpu] : null,
                WriterCpu = pin == "quiet" ? otherCpu : null,
            };
            var runs = Repeat(o.Runs, () => PipelineRun.Run(catalog, settings, work, PipelineRun.Paced(sample, rate, count, pin == "quiet" ? otherCpu : pin == "last" ? 0 : null), toStore));
            for (var stage = 0; stage < TradingPipeline.StageNames.Length; stage++)
            {
                var s = stage;
                var row = new PipelineBenchResult("latency", "paced-" + label.Replace(' ', '-'), "sample", threading, count, null, null,
                    TradingPipeline.StageNames[s],
                    (long)Median(runs, r => r.Latency[s].P50Ns), (long)Median(runs, r => r.Latency[s].P99Ns),
                    (long)Median(runs, r => r.Latency[s].P999Ns), (long)Median(runs, r => r.Latency[s].P9999Ns),
                    (long)Median(runs, r => r.Latency[s].MaxNs));
                var service = (long)Median(runs, r => r.Service[s].P50Ns);
                Console.WriteLine($"{label,-18} {row.Stage,-11} {row.P50Ns,9:N0} {row.P99Ns,9:N0} {row.P999Ns,9:N0} {row.P9999Ns,9:N0} {row.MaxNs,11:N0}   {service,11:N0}");
                results.Add(row);
            }
        }
    }

    private static void Service(HarnessArgs o, InstrumentCatalog catalog, Tick[] sample, List<PipelineBenchResult> results)
    {
        var ticks = BenchData.Repeat(sample, o.Quick ? 1_000_000 : 5_000_000);
        Console.WriteLine();
        Console.WriteLine($"Service time per tick: each stage's own work, timed around it, stages driven directly on one thread ({ticks.Length:N0} ticks, ns, median of {o.Runs} runs; the floor under the latency percentiles above)");
        Console.WriteLine($"{"stage",-11} {"p50",9} {"p90",9} {"p99",9} {"p99.9",9} {"p99.99",9} {"max",11}");
        var runs = new List<HdrHistogram.LongHistogram[]>();
        for (var i = 0; i < o.Runs; i++)
        {
            runs.Add(StageServiceTimes.Measure(catalog, new EngineSettings(), ticks));
        }

        for (var k = 0; k < StageServiceTimes.Rows.Length; k++)
        {
            long At(double percentile)
            {
                var values = runs.Select(r => r[k].GetValueAtPercentile(percentile)).Order().ToArray();
                return values[values.Length / 2];
            }

            var row = new PipelineBenchResult("service", "direct", "repeated sample", "direct", ticks.Length, null, null, StageServiceTimes.Rows[k],
                At(50), At(99), At(99.9), At(99.99), At(100));
            Console.WriteLine($"{row.Stage,-11} {row.P50Ns,9:N0} {At(90),9:N0} {row.P99Ns,9:N0} {row.P999Ns,9:N0} {row.P9999Ns,9:N0} {row.MaxNs,11:N0}");
            results.Add(row);
        }
    }

    private static void Memory(HarnessArgs o, InstrumentCatalog catalog, Tick[] sample, string work, List<PipelineBenchResult> results)
    {
        var first = o.Quick ? 1_000_000L : 10_000_000L;
        var total = first * 10;
        Console.WriteLine();
        Console.WriteLine($"3. Allocation and memory over {total:N0} ticks (one run; checkpoint at {first:N0})");
        long peakAtFirst = 0;
        var process = Process.GetCurrentProcess();
        var settings = new EngineSettings { Threading = "fused" };
        var run = PipelineRun.Run(catalog, settings, work, PipelineRun.Repeated(sample, total, [catalog.Get("EURUSD").Id], first, published =>
        {
            if (peakAtFirst == 0)
            {
                process.Refresh();
                peakAtFirst = process.PeakWorkingSet64;
            }
        }));
        process.Refresh();
        var peakAtEnd = process.PeakWorkingSet64;
        var bytesPerTick = (double)run.AllocatedBytes / run.Ticks;
        Console.WriteLine($"  allocated {run.AllocatedBytes:N0} bytes in the process = {bytesPerTick:F3} bytes/tick ({run.Decisions:N0} decisions journaled: the SQLite writer's allocations are per decision batch, not per tick)");
        Console.WriteLine($"  GCs gen0 {run.Gen0}, gen1 {run.Gen1}, gen2 {run.Gen2}; {run.TicksPerSecond:N0} ticks/s");
        Console.WriteLine($"  peak working set after {first:N0} ticks {peakAtFirst / 1048576.0:F1} MiB, after {total:N0} ticks {peakAtEnd / 1048576.0:F1} MiB (growth {100.0 * (peakAtEnd - peakAtFirst) / peakAtFirst:F1}%)");
        results.Add(new PipelineBenchResult("memory", "checkpoint", "repeated sample", "fused", first, null, null, PeakWorkingSetBytes: peakAtFirst));
        results.Add(new PipelineBenchResult("memory", "end", "repeated sample", "fused", run.Ticks, run.TicksPerSecond, run.NsPerTick,
            BytesPerTick: bytesPerTick, Gen0: run.Gen0, Gen1: run.Gen1, Gen2: run.Gen2, PeakWorkingSetBytes: peakAtEnd));
    }

    private static void Scaling(HarnessArgs o, InstrumentCatalog catalog, Instrument eur, Tick[] sample, string work, List<PipelineBenchResult> results)
    {
        // Every symbol replays whole laps of the same real series, and every run has the same number of ticks: with
        // N ticks split over 100 symbols each symbol would otherwise see only the first N/100 ticks of the series,
        // whose share of bar closes and decisions differs from the whole, so the comparison would measure the
        // data, not the symbol count.
        var series = sample.AsSpan(0, Math.Min(sample.Length, o.Quick ? 4_000 : 50_000)).ToArray();
        var laps = o.Quick ? 2 : 4;
        var ticks = (long)series.Length * laps * 100;
        var clones = new List<Instrument>();
        for (var i = 0; i < 100; i++)
        {
            clones.Add(eur.WithSymbol($"EURUSD.{i:D3}"));
        }

        var wide = catalog.With(clones);
        Console.WriteLine();
        Console.WriteLine($"4. Scaling: cost per tick (ns, median, fused, {ticks:N0} ticks per run: the first {series.Length:N0} ticks of the sample, {laps} laps per symbol with 100 symbols, {laps * 10} with 10, {laps * 100} with 1)");
        // Into SQLite (as users run it) and without the store: with the store each symbol is its own stream, so the
        // second set separates the engine's per-symbol state from the store's index growing in 100 places.
        foreach (var toStore in new[] { true, false })
        {
            double? baseline = null;
            foreach (var symbols in new[] { 1, 10, 100 })
            {
                var ids = new int[symbols];
                for (var i = 0; i < symbols; i++)
                {
                    ids[i] = wide.Get($"EURUSD.{i:D3}").Id;
                }

                var runs = Repeat(o.Runs, () => PipelineRun.Run(wide, new EngineSettings(), work, PipelineRun.Repeated(series, ticks, ids), toStore));
                var ns = Median(runs, r => r.NsPerTick);
                baseline ??= ns;
                var where = toStore ? "" : " no store";
                Console.WriteLine($"  {symbols,3} symbol(s){where}: {ns,8:F1} ns/tick ({ns / baseline.Value:F2}x of 1 symbol)");
                results.Add(new PipelineBenchResult("scaling", $"symbols-{symbols}" + (toStore ? "" : "-nostore"), "repeated sample", "fused", ticks, 1e9 / ns, ns));
            }
        }

        double? shortHistory = null;
        foreach (var factor in new[] { 1, 10 })
        {
            var n = (long)sample.Length * factor;
            var runs = Repeat(o.Runs, () => PipelineRun.Run(catalog, new EngineSettings(), work, PipelineRun.Repeated(sample, n, [eur.Id])));
            var ns = Median(runs, r => r.NsPerTick);
            shortHistory ??= ns;
            Console.WriteLine($"  history {factor,2}x ({n:N0} ticks): {ns,8:F1} ns/tick ({ns / shortHistory.Value:F2}x of 1x)");
            results.Add(new PipelineBenchResult("scaling", $"history-{factor}x", "repeated sample", "fused", n, 1e9 / ns, ns));
        }
    }

    /// <summary>Ticks per second reading <paramref name="path"/> to the end without a pipeline.</summary>
    private static double ReadOnly(string path, Instrument instrument)
    {
        var clock = Stopwatch.StartNew();
        using var reader = TickSources.Open([path], null, instrument);
        var buffer = new Tick[8192];
        long total = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            total += n;
        }

        return total / clock.Elapsed.TotalSeconds;
    }

    private static List<PipelineRunResult> Repeat(int runs, Func<PipelineRunResult> run)
    {
        var list = new List<PipelineRunResult>(runs);
        for (var i = 0; i < runs; i++)
        {
            list.Add(run());
        }

        return list;
    }

    private static double Median(List<PipelineRunResult> runs, Func<PipelineRunResult, double> value)
    {
        var values = runs.Select(value).Order().ToArray();
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
    }
}
