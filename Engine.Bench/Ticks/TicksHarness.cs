using System.Diagnostics;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Ticks;

namespace IctEngine.Bench.Ticks;

/// <summary>
/// <c>ticks</c>: parsing speed of Lean and HistData CSV (lines/s, one core) against the naive baseline in the same
/// run, and sequential <c>.ticks</c> store reads (ticks/s). Best of <c>--runs</c> after a warm-up.
/// </summary>
public sealed class TicksHarness : IHarness
{
    public string Name => "ticks";

    public string Description => "Tick CSV parsing (Lean, HistData) vs a naive reader, and .ticks store sequential read.";

    public int Run(string[] args)
    {
        var options = HarnessArgs.Parse(args);
        var lines = options.Quick ? 300_000 : 5_000_000;
        var storeTicks = options.Quick ? 2_000_000L : 50_000_000L;
        var runs = options.Quick ? 3 : options.Runs;
        var buffer = new Tick[8192];

        var data = TickBenchData.Load(lines);
        var results = new List<(string Name, (double Wall, double Cpu) PerSecond, string Unit)>
        {
            ("lean naive (string.Split + double.Parse)", Best(runs, () => data.ParseLeanNaive(buffer)), "lines/s"),
            ("lean (engine)", Best(runs, () => data.ParseLean(buffer)), "lines/s"),
            ("histdata naive", Best(runs, () => data.ParseHistDataNaive(buffer)), "lines/s"),
            ("histdata (engine)", Best(runs, () => data.ParseHistData(buffer)), "lines/s"),
        };
        var store = TickBenchData.WriteStore(storeTicks);
        try
        {
            results.Add(("store sequential read", Best(runs, () => TickBenchData.ReadStore(store, buffer)), "ticks/s"));
        }
        finally
        {
            File.Delete(store);
        }

        var leanRatio = results[1].PerSecond.Cpu / results[0].PerSecond.Cpu;
        var histRatio = results[3].PerSecond.Cpu / results[2].PerSecond.Cpu;
        Console.WriteLine($"ticks harness: {lines:N0} CSV lines, {storeTicks:N0} store ticks, best of {runs} runs{(options.Quick ? " (quick)" : "")}");
        Console.WriteLine($"{"benchmark",-42} {"wall rate",14} {"cpu-time rate",14} unit");
        foreach (var (name, perSecond, unit) in results)
        {
            Console.WriteLine($"{name,-42} {perSecond.Wall,14:N0} {perSecond.Cpu,14:N0} {unit}");
        }

        Console.WriteLine($"speed-up over naive (cpu time): lean {leanRatio:F1}x, histdata {histRatio:F1}x");
        if (options.JsonPath is not null)
        {
            var json = new Dictionary<string, object>
            {
                ["harness"] = Name,
                ["quick"] = options.Quick,
                ["lines"] = lines,
                ["storeTicks"] = storeTicks,
                ["results"] = results.Select(r => new Dictionary<string, object>
                {
                    ["name"] = r.Name, ["perSecondWall"] = r.PerSecond.Wall, ["perSecondCpu"] = r.PerSecond.Cpu, ["unit"] = r.Unit,
                }).ToList(),
                ["leanSpeedup"] = leanRatio,
                ["histDataSpeedup"] = histRatio,
            };
            File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
        }

        return 0;
    }

    /// <summary>
    /// Items per second of the fastest of <paramref name="runs"/> runs after one warm-up run: by wall clock, and by the
    /// process's CPU time (which a loaded machine disturbs less; the work is single-threaded).
    /// </summary>
    private static (double Wall, double Cpu) Best(int runs, Func<long> body)
    {
        body();
        var best = (Wall: 0.0, Cpu: 0.0);
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var items = body();
            var wall = sw.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = Math.Max(1e-6, (process.TotalProcessorTime - cpu).TotalSeconds);
            best = (Math.Max(best.Wall, items / wall), Math.Max(best.Cpu, items / cpuSeconds));
        }

        return best;
    }
}
