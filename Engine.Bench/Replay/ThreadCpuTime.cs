using System.Globalization;

namespace IctEngine.Bench.Replay;

/// <summary>
/// CPU time of this process's threads by name, from <c>/proc/self/task/*/schedstat</c> (Linux; nanoseconds on CPU):
/// what the journal writer thread costs per decision in a replay, which wall-clock throughput hides when the
/// writer shares the cores with the stages. Threads that already exited are not counted.
/// </summary>
public static class ThreadCpuTime
{
    /// <summary>The journal writer thread's name as the kernel keeps it (15 characters).</summary>
    public const string JournalWriter = "ict-journal-wri";

    /// <summary>Nanoseconds on CPU of the live threads named <paramref name="name"/>; null where /proc is unavailable.</summary>
    public static long? TotalNs(string name)
    {
        const string tasks = "/proc/self/task";
        if (!Directory.Exists(tasks))
        {
            return null;
        }

        long total = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != name)
                {
                    continue;
                }

                var schedstat = File.ReadAllText(Path.Combine(task, "schedstat"));
                total += long.Parse(schedstat.AsSpan(0, schedstat.IndexOf(' ')), CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread exited while we looked.
            }
        }

        return total;
    }
}
