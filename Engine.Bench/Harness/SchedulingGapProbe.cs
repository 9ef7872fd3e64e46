using System.Diagnostics;
using IctEngine.Core;

namespace IctEngine.Bench.Harness;

/// <summary>
/// What the platform takes from a thread that does nothing but spin: one thread pinned to a CPU reads the clock in a
/// loop and counts the gaps between reads over a threshold (the guest scheduler, interrupts, and below them the
/// hypervisor). A consumer on that CPU cannot have a better latency tail than this, so the latency section prints
/// it next to its percentiles. On this VM a lone spinner loses about 1% of its time in 10-100 µs gaps (~400 per
/// second, invisible to the guest's scheduler: they are the host's), which puts p99 ≤ 10 µs at 100k/s at the edge
/// even for a consumer that does no work.
/// </summary>
internal static class SchedulingGapProbe
{
    /// <summary>Spins on <paramref name="cpu"/> for <paramref name="duration"/>; gaps over <paramref name="thresholdNs"/>.</summary>
    public static Result Measure(int cpu, TimeSpan duration, long thresholdNs = 10_000)
    {
        Result result = default;
        var thread = new Thread(() => result = Spin(cpu, duration, thresholdNs)) { Name = "gap-probe" };
        thread.Start();
        thread.Join();
        return result;
    }

    private static Result Spin(int cpu, TimeSpan duration, long thresholdNs)
    {
        var pinned = CpuAffinity.TryPinCurrentThread(cpu);
        var threshold = thresholdNs * Stopwatch.Frequency / 1_000_000_000;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var last = start;
        long gaps = 0, lost = 0, longest = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var gap = now - last;
            last = now;
            if (gap > threshold)
            {
                gaps++;
                lost += gap;
                longest = Math.Max(longest, gap);
            }

            if (now >= end)
            {
                break;
            }
        }

        var toNs = 1e9 / Stopwatch.Frequency;
        return new Result(pinned, gaps, lost * toNs, longest * toNs, (last - start) * toNs);
    }

    /// <summary>One probe: gaps over the threshold, the time they took and the longest (ns), of the elapsed ns.</summary>
    public readonly record struct Result(bool Pinned, long Gaps, double LostNs, double LongestNs, double ElapsedNs)
    {
        public double LostFraction => ElapsedNs > 0 ? LostNs / ElapsedNs : 0;
    }
}
