using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Ticks;

namespace IctEngine.Bench.Replay;

/// <summary>
/// Where the time goes per tick, without timers around each stage (a clock read costs as much as a stage): the
/// stages are driven directly on one thread over slots cycled like the ring's, first validation alone, then with
/// each later stage added. The difference between two consecutive variants is the added stage's cost. The
/// journal stage (hashing, no store) closes every variant so that decision queues drain as in the engine.
/// </summary>
public static class StageProfile
{
    public static readonly string[] Variants = ["validation", "+smc", "+risk", "+execution"];

    /// <summary>
    /// Runs variant <paramref name="stages"/> (1..4 stages) over <paramref name="ticks"/>; returns CPU ns per tick. With
    /// <paramref name="journal"/> false the decision queues are emptied without encoding or hashing the decisions.
    /// </summary>
    public static double NsPerTick(InstrumentCatalog catalog, EngineSettings settings, Tick[] ticks, int stages, bool journal = true)
    {
        using var wired = new DirectStages(catalog, settings);
        var (validation, smc, risk, execution, journalStage) = (wired.Validation, wired.Smc, wired.Risk, wired.Execution, wired.Journal);
        var (queues, orders) = (wired.Queues, wired.Orders);
        var slots = new EngineEvent[4096];
        // Process CPU time rather than wall time: only this thread works, and the figure survives a busy machine.
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < ticks.Length; i++)
        {
            ref var e = ref slots[i & (slots.Length - 1)];
            DirectStages.LoadTick(ref e, ticks[i]);
            var end = (i & 1023) == 1023;
            validation.OnEvent(ref e, i, end);
            if (stages > 1)
            {
                smc.OnEvent(ref e, i, end);
            }

            if (stages > 2)
            {
                risk.OnEvent(ref e, i, end);
            }

            if (stages > 3)
            {
                execution.OnEvent(ref e, i, end);
            }

            if (journal)
            {
                journalStage.OnEvent(ref e, i, end);
            }
            else
            {
                Discard(queues, ref e);
            }

            if (stages == 3)
            {
                // Without execution nobody consumes the risk stage's orders.
                while (orders.TryRead(out _))
                {
                }
            }
        }

        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalNanoseconds / ticks.Length;
    }

    private static void Discard(SpscQueue<Decision>[] queues, ref EngineEvent e)
    {
        for (var k = 0; k < queues.Length; k++)
        {
            for (var n = e.Decisions[k]; n > 0; n--)
            {
                queues[k].Read();
            }
        }
    }
}
