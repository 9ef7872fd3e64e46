using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Bench.Journal;

/// <summary>
/// What the journal stage's thread sees of a store: one decision per ring batch (Add then Commit, as the stage does
/// on <c>endOfBatch</c>) at a paced rate into a <see cref="JournalWriter"/> on SQLite, timing every call on the
/// producer side. A call over <see cref="StallThresholdNs"/> is a stall of the ring's consumer thread.
/// </summary>
public static class JournalWriterProbe
{
    public const long StallThresholdNs = 100_000;

    /// <summary>Runs <paramref name="decisions"/> decisions at <paramref name="perSecond"/> into <paramref name="store"/>.</summary>
    public static ProbeResult Run(IEventStore store, int decisions, int perSecond)
    {
        using var writer = new JournalWriter(store, new JournalWriterOptions { RunId = "probe-" + Environment.ProcessId });
        var interval = Stopwatch.Frequency / (double)perSecond;
        var toNs = 1e9 / Stopwatch.Frequency;
        var durations = new long[decisions];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < decisions; i++)
        {
            var due = start + (long)(i * interval);
            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(10);
            }

            var before = Stopwatch.GetTimestamp();
            writer.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = i % 4, TimeNs = i, CorrelationId = i, Id = i, A = 108_000 + i });
            writer.Commit();
            durations[i] = (long)((Stopwatch.GetTimestamp() - before) * toNs);
        }

        writer.Flush();
        Array.Sort(durations);
        long stalls = 0;
        long stalledNs = 0;
        foreach (var d in durations)
        {
            if (d > StallThresholdNs)
            {
                stalls++;
                stalledNs += d;
            }
        }

        return new ProbeResult(durations[(int)(decisions * 0.99)], durations[(int)(decisions * 0.9999)], durations[^1], stalls, stalledNs);
    }

    /// <summary>Producer-side call times (ns) and the calls over the stall threshold.</summary>
    public sealed record ProbeResult(long P99Ns, long P9999Ns, long MaxNs, long Stalls, long StalledNs);
}
