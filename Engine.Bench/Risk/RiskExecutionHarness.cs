using System.Diagnostics;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;

namespace IctEngine.Bench.Risk;

/// <summary>
/// Cost per accepted tick of the risk and execution stages together (as fused on one thread), with three open
/// positions being marked to market, guards checked and the simulated broker scanning stops every tick.
/// </summary>
public sealed class RiskExecutionHarness : IHarness
{
    public string Name => "riskexec";

    public string Description => "risk + execution stages per tick (3 open positions, simulated broker)";

    public int Run(string[] args)
    {
        var options = HarnessArgs.Parse(args);
        var ticks = options.Quick ? 200_000 : 5_000_000;
        var results = new List<(double NsPerTick, long Bytes)>();
        for (var run = 0; run < options.Runs; run++)
        {
            results.Add(Measure(ticks));
        }

        results.Sort((a, b) => a.NsPerTick.CompareTo(b.NsPerTick));
        var median = results[results.Count / 2];
        Console.WriteLine($"{"harness",-10} {"ticks",10} {"runs",5} {"ns/tick (median)",18} {"ns/tick (best)",15} {"bytes allocated",16}");
        Console.WriteLine($"{Name,-10} {ticks,10} {results.Count,5} {median.NsPerTick,18:F1} {results[0].NsPerTick,15:F1} {median.Bytes,16}");
        if (options.JsonPath is not null)
        {
            File.WriteAllText(options.JsonPath, JsonSerializer.Serialize(new
            {
                harness = Name, ticks, runs = results.Count, nsPerTickMedian = median.NsPerTick,
                nsPerTickBest = results[0].NsPerTick, bytesAllocated = median.Bytes,
            }));
        }

        return 0;
    }

    private static (double NsPerTick, long Bytes) Measure(int ticks)
    {
        var catalog = InstrumentCatalog.Default;
        var account = new AccountState(catalog, 100_000m);
        var signals = new SpscQueue<Signal>(64);
        var requests = new SpscQueue<OrderRequest>(64);
        var riskDecisions = new SpscQueue<Decision>(1 << 12);
        var executionDecisions = new SpscQueue<Decision>(1 << 12);
        var broker = new SimulatedBroker(new ExecutionOptions { Latency = TimeSpan.Zero }, catalog);
        var risk = new RiskStage(new RiskOptions(), account, signals, requests, riskDecisions);
        var execution = new ExecutionStage(new ExecutionOptions(), account, broker, requests, executionDecisions);
        var slot = default(EngineEvent);
        var t = Timestamp.Parse("2024-03-04 08:00:00").UnixNanoseconds;
        int[] symbols = [catalog.Get("EURUSD").Id, catalog.Get("GBPUSD").Id, catalog.Get("USDJPY").Id];
        long[] mids = [110_000, 127_000, 150_000];
        long sequence = 0;

        void Step(int symbolId, long mid, int signalCount)
        {
            slot.ClearOutputs();
            slot.Kind = EngineEventKind.Tick;
            slot.Tick = new Tick(t, mid - 5, mid + 5, symbolId);
            slot.TimeNs = t;
            slot.SignalCount = signalCount;
            risk.OnEvent(ref slot, sequence, true);
            execution.OnEvent(ref slot, sequence++, true);
            for (var i = slot.Decisions[(int)PipelineStage.Risk]; i > 0; i--)
            {
                riskDecisions.Read();
            }

            for (var i = slot.Decisions[(int)PipelineStage.Execution]; i > 0; i--)
            {
                executionDecisions.Read();
            }
        }

        for (var s = 0; s < symbols.Length; s++)
        {
            Step(symbols[s], mids[s], 0);
            signals.Write(new Signal { Id = s + 1, SymbolId = symbols[s], Direction = 1, TimeNs = t, StopLoss = mids[s] - 2_000 });
            Step(symbols[s], mids[s], 1);
            t += 1_000_000;
            Step(symbols[s], mids[s], 0);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < ticks; i++)
        {
            var s = i % 3;
            t += 100_000_000;
            Step(symbols[s], mids[s] + (i % 97) - 48, 0);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        if (account.PositionCount != 3)
        {
            throw new InvalidOperationException($"Expected 3 open positions, found {account.PositionCount}.");
        }

        return (elapsed.TotalNanoseconds / ticks, bytes);
    }
}
