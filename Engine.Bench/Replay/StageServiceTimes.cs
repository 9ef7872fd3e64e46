using System.Diagnostics;
using HdrHistogram;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Execution;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;
using IctEngine.Validation;

namespace IctEngine.Bench.Replay;

/// <summary>
/// The distribution of each stage's own processing time per tick (no ring, no queueing): the floor under the
/// pipeline's latency percentiles. A tick that closes bars runs the detectors, the strategy and the decisions, so the
/// tail of this distribution is what a paced source sees at p99 even on an idle machine.
/// </summary>
public static class StageServiceTimes
{
    /// <summary>The histograms <see cref="Measure"/> returns, in order: each stage, then the whole tick.</summary>
    public static readonly string[] Rows = ["validation", "smc", "risk", "execution", "journal", "all stages"];

    /// <summary>Drives every stage over <paramref name="ticks"/>, timing each call; one histogram (ns) per row of <see cref="Rows"/>.</summary>
    public static LongHistogram[] Measure(InstrumentCatalog catalog, EngineSettings settings, Tick[] ticks)
    {
        var queues = new SpscQueue<Decision>[4];
        for (var i = 0; i < queues.Length; i++)
        {
            queues[i] = new SpscQueue<Decision>(settings.DecisionQueueCapacity);
        }

        var signals = new SpscQueue<Signal>(1 << 12);
        var orders = new SpscQueue<OrderRequest>(1 << 12);
        var account = new AccountState(catalog, settings.Risk.InitialBalance, settings.Risk.AccountCurrency, settings.Risk.Leverage);
        var broker = new SimulatedBroker(settings.Execution, catalog);
        var validation = new ValidationStage(catalog, settings.Validation, queues[0]);
        var smc = new SmcStage(catalog, settings.Smc, queues[1], signals);
        var risk = new RiskStage(settings.Risk, account, signals, orders, queues[2]);
        var execution = new ExecutionStage(settings.Execution, account, broker, orders, queues[3]);
        using var hasher = new DecisionHasher();
        var journalStage = new JournalStage(queues, null, hasher);
        var histograms = new LongHistogram[Rows.Length];
        for (var i = 0; i < histograms.Length; i++)
        {
            histograms[i] = new LongHistogram(1_000_000_000L, 3);
        }

        var slots = new EngineEvent[4096];
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        for (var i = 0; i < ticks.Length; i++)
        {
            ref var e = ref slots[i & (slots.Length - 1)];
            e.Kind = EngineEventKind.Tick;
            e.Tick = ticks[i];
            e.TimeNs = e.Tick.TimeNs;
            e.ClearOutputs();
            var t0 = Stopwatch.GetTimestamp();
            validation.OnEvent(ref e, i, true);
            var t1 = Stopwatch.GetTimestamp();
            smc.OnEvent(ref e, i, true);
            var t2 = Stopwatch.GetTimestamp();
            risk.OnEvent(ref e, i, true);
            var t3 = Stopwatch.GetTimestamp();
            execution.OnEvent(ref e, i, true);
            var t4 = Stopwatch.GetTimestamp();
            journalStage.OnEvent(ref e, i, true);
            var t5 = Stopwatch.GetTimestamp();
            histograms[0].RecordValue((long)((t1 - t0) * nsPerTick));
            histograms[1].RecordValue((long)((t2 - t1) * nsPerTick));
            histograms[2].RecordValue((long)((t3 - t2) * nsPerTick));
            histograms[3].RecordValue((long)((t4 - t3) * nsPerTick));
            histograms[4].RecordValue((long)((t5 - t4) * nsPerTick));
            histograms[5].RecordValue((long)((t5 - t0) * nsPerTick));
        }

        return histograms;
    }
}
