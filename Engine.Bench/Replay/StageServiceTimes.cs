using System.Diagnostics;
using HdrHistogram;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Ticks;

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
        using var stages = new DirectStages(catalog, settings);
        var (validation, smc, risk, execution, journalStage) = (stages.Validation, stages.Smc, stages.Risk, stages.Execution, stages.Journal);
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
            DirectStages.LoadTick(ref e, ticks[i]);
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
