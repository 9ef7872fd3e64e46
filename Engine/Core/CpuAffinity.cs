using System.Runtime.InteropServices;

namespace IctEngine.Core;

/// <summary>
/// Pins the calling thread to one CPU, for latency-critical threads (a ring consumer that must never share its core
/// with the journal's writer or the feed). Linux and Windows; elsewhere, or when the OS refuses, it reports false
/// and the thread stays where the scheduler puts it. Called once when a thread starts, never per event.
/// </summary>
public static class CpuAffinity
{
    /// <summary>Pins the calling thread to <paramref name="cpu"/> (0-based, below 64). True when the OS accepted it.</summary>
    public static bool TryPinCurrentThread(int cpu)
    {
        if (cpu < 0 || cpu >= Math.Min(64, Environment.ProcessorCount))
        {
            return false;
        }

        var mask = 1UL << cpu;
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // pid 0 = the calling thread (Linux affinity is per thread).
                return SetThreadMask(0, mask) == 0;
            }

            if (OperatingSystem.IsWindows())
            {
                return SetThreadAffinityMask(GetCurrentThread(), (nuint)mask) != 0;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }

        return false;
    }

    /// <summary>
    /// The CPUs for <paramref name="groups"/> consumer threads when threads are pinned: the last cores, leaving CPU 0
    /// to the producer and the journal's writer (all on CPU 0 with a single core, where pinning gains nothing).
    /// </summary>
    public static int[] ConsumerCpus(int groups, int processorCount)
    {
        var cpus = new int[groups];
        var spare = Math.Max(1, processorCount - 1);
        for (var g = 0; g < groups; g++)
        {
            cpus[g] = processorCount <= 1 ? 0 : processorCount - 1 - (g % spare);
        }

        return cpus;
    }

    /// <summary>Sets Linux thread <paramref name="tid"/>'s affinity (CPUs 0-63; 0 = the calling thread). 0 on success.</summary>
    internal static int SetThreadMask(int tid, ulong mask) => sched_setaffinity(tid, sizeof(ulong), ref mask);

    /// <summary>Reads Linux thread <paramref name="tid"/>'s affinity (CPUs 0-63). 0 on success (fails above 64 CPUs).</summary>
    internal static int GetThreadMask(int tid, out ulong mask)
    {
        mask = 0;
        return sched_getaffinity(tid, sizeof(ulong), ref mask);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setaffinity(int pid, nint cpusetsize, ref ulong mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getaffinity(int pid, nint cpusetsize, ref ulong mask);

    [DllImport("kernel32")]
    private static extern nint GetCurrentThread();

    [DllImport("kernel32")]
    private static extern nuint SetThreadAffinityMask(nint thread, nuint mask);
}
