using System.Globalization;

namespace IctEngine.Core;

/// <summary>
/// Keeps the process's other threads off the CPUs its pinned consumer threads run on, for as long as it is held.
/// Pinning a consumer only says where the consumer may run, not what else may: the runtime's own threads (the tiered
/// JIT's background compiler, the finalizer, the thread pool, timers) keep every CPU and were traced preempting a
/// pinned consumer for milliseconds (docs/PERFORMANCE.md, "Where the p99 goes at 100k/s"). On
/// <see cref="Reserve"/> every existing thread loses the reserved CPUs from its affinity mask (a thread allowed only
/// reserved CPUs keeps its mask: it was pinned there on purpose), and threads they create later inherit the narrower
/// mask; <see cref="Dispose"/> gives the moved threads their masks back. Threads the consumers themselves create
/// inherit the consumer's CPU; the tiered JIT's worker is such a thread when a consumer wakes it after it has exited
/// idle (docs/OPERATIONS.md: keep it resident). Linux only (elsewhere it moves nothing); CPUs 0-63.
/// </summary>
public sealed class CpuReservation : IDisposable
{
    private readonly List<(int Tid, ulong Mask)> _moved;

    private CpuReservation(ulong reserved, List<(int Tid, ulong Mask)> moved)
    {
        ReservedMask = reserved;
        _moved = moved;
    }

    /// <summary>The reserved CPUs as a bit mask (bit n = CPU n).</summary>
    public ulong ReservedMask { get; }

    /// <summary>Threads whose affinity was narrowed (and will be restored).</summary>
    public int ThreadsMoved => _moved.Count;

    /// <summary>
    /// Moves every thread of the process off <paramref name="cpus"/>, keeping each thread's other allowed CPUs.
    /// Moves nothing when the reserved CPUs would be every CPU the process may use, or off Linux.
    /// </summary>
    public static CpuReservation Reserve(IEnumerable<int> cpus)
    {
        ulong reserved = 0;
        foreach (var cpu in cpus)
        {
            if (cpu is >= 0 and < 64)
            {
                reserved |= 1UL << cpu;
            }
        }

        var moved = new List<(int, ulong)>();
        if (reserved == 0 || !OperatingSystem.IsLinux())
        {
            return new CpuReservation(reserved, moved);
        }

        try
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                {
                    continue;
                }

                if (CpuAffinity.GetThreadMask(tid, out var mask) != 0)
                {
                    continue; // gone since the listing, or more than 64 CPUs
                }

                var narrowed = mask & ~reserved;
                if (narrowed == 0 || narrowed == mask)
                {
                    continue;
                }

                if (CpuAffinity.SetThreadMask(tid, narrowed) == 0)
                {
                    moved.Add((tid, mask));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // Best effort: without /proc or libc the consumers are still pinned, only not alone.
        }

        return new CpuReservation(reserved, moved);
    }

    /// <summary>Gives the moved threads that still exist their earlier affinity back.</summary>
    public void Dispose()
    {
        foreach (var (tid, mask) in _moved)
        {
            if (!Directory.Exists("/proc/self/task/" + tid.ToString(CultureInfo.InvariantCulture)))
            {
                continue; // exited: its id may belong to another process's thread by now
            }

            _ = CpuAffinity.SetThreadMask(tid, mask);
        }

        _moved.Clear();
    }
}
