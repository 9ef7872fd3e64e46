using System.Globalization;

namespace IctEngine.Tests.Support;

/// <summary>Reads a thread's CPU affinity from /proc (Linux), as a bit mask of CPUs 0-63.</summary>
public static class ThreadAffinity
{
    /// <summary>The calling thread's allowed CPUs.</summary>
    public static ulong OfCurrentThread() => Parse("/proc/thread-self/status");

    /// <summary>The allowed CPUs of thread <paramref name="tid"/> of this process.</summary>
    public static ulong Of(int tid) => Parse($"/proc/self/task/{tid}/status");

    /// <summary>The calling thread's id (the kernel's, as /proc/self/task lists it).</summary>
    public static int CurrentThreadId() =>
        int.Parse(Path.GetFileName(Directory.ResolveLinkTarget("/proc/thread-self", returnFinalTarget: false)!.FullName), CultureInfo.InvariantCulture);

    private static ulong Parse(string statusFile)
    {
        var line = File.ReadAllLines(statusFile).First(l => l.StartsWith("Cpus_allowed:", StringComparison.Ordinal));
        var hex = line["Cpus_allowed:".Length..].Trim().Replace(",", "", StringComparison.Ordinal);
        return ulong.Parse(hex.Length > 16 ? hex[^16..] : hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
