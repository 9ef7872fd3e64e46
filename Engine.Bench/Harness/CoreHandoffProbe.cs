using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IctEngine.Bench.Harness;

/// <summary>
/// Measures how long one cache line takes to travel between the two threads of a ping-pong (one way, ns): the
/// price of every producer-to-consumer handoff at that moment. On this VM it is not a constant: the hypervisor
/// places the two vCPUs on host cores that share a cache (about 25-60 ns) or on distant ones (about 270-300 ns),
/// and moves them over time, which is what makes one-publish-per-event ring runs bimodal (docs/PERFORMANCE.md).
/// The harnesses take a probe before each run so every figure carries the placement it was measured in.
/// </summary>
internal static class CoreHandoffProbe
{
    /// <summary>A handoff above this is a distant placement: the two clusters seen here are ≤ 90 ns and ≥ 250 ns.</summary>
    public const double DistantNs = 150;

    private const int RoundTrips = 100_000;

    /// <summary>
    /// The one-way handoff latency in ns, from <see cref="RoundTrips"/> round trips (about 10-60 ms); NaN on a single
    /// CPU, where two spinning threads would only take turns by time slice.
    /// </summary>
    public static double OneWayNs()
    {
        if (Environment.ProcessorCount < 2)
        {
            return double.NaN;
        }

        var lines = new PingPongLines();
        var responder = new Thread(() => Respond(lines)) { IsBackground = true, Name = "handoff-probe" };
        responder.Start();
        while (Volatile.Read(ref lines.Pong.Value) != -1)
        {
            Thread.SpinWait(1);
        }

        var start = Stopwatch.GetTimestamp();
        for (long i = 1; i <= RoundTrips; i++)
        {
            Volatile.Write(ref lines.Ping.Value, i);
            while (Volatile.Read(ref lines.Pong.Value) != i)
            {
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        responder.Join();
        return elapsed.TotalNanoseconds / (2.0 * RoundTrips);
    }

    /// <summary>
    /// Probes every quarter second until the placement is near or <paramref name="limit"/> has passed; returns the
    /// last probe (which is distant on a timeout: the run goes ahead and is counted as distant).
    /// </summary>
    public static double WaitForNear(TimeSpan limit)
    {
        var start = Stopwatch.GetTimestamp();
        var ns = OneWayNs();
        while (ns > DistantNs && Stopwatch.GetElapsedTime(start) < limit)
        {
            Thread.Sleep(250);
            ns = OneWayNs();
        }

        return ns;
    }

    private static void Respond(PingPongLines lines)
    {
        Volatile.Write(ref lines.Pong.Value, -1);
        for (long i = 1; i <= RoundTrips; i++)
        {
            while (Volatile.Read(ref lines.Ping.Value) != i)
            {
            }

            Volatile.Write(ref lines.Pong.Value, i);
        }
    }

    private sealed class PingPongLines
    {
        public PaddedValue Ping;
        public PaddedValue Pong;
    }

    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct PaddedValue
    {
        [FieldOffset(128)]
        public long Value;
    }
}
