using System.Globalization;

namespace IctEngine.Bench.Replay;

/// <summary>
/// Device interrupts handled per CPU since boot, from <c>/proc/interrupts</c> (numbered lines only: disks, network
/// cards; not timer or inter-processor interrupts). A consumer pinned to the CPU that completes the journal's disk
/// writes is interrupted by them, so the pinned layout puts the consumer on the quietest CPU.
/// </summary>
public static class DeviceInterrupts
{
    /// <summary>Counts per CPU, or null where <c>/proc/interrupts</c> cannot be read (not Linux).</summary>
    public static long[]? PerCpu()
    {
        const string path = "/proc/interrupts";
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        var cpus = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var counts = new long[cpus];
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length <= cpus || !int.TryParse(fields[0].TrimEnd(':'), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            for (var c = 0; c < cpus; c++)
            {
                counts[c] += long.TryParse(fields[1 + c], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            }
        }

        return counts;
    }

    /// <summary>The CPU with the fewest device interrupts (the consumer's), and another one for the rest.</summary>
    public static (int Consumer, int Other) Layout()
    {
        var counts = PerCpu();
        if (counts is null || counts.Length < 2)
        {
            return (Math.Max(0, Environment.ProcessorCount - 1), 0);
        }

        var consumer = 0;
        for (var c = 1; c < counts.Length; c++)
        {
            if (counts[c] < counts[consumer])
            {
                consumer = c;
            }
        }

        return (consumer, consumer == 0 ? 1 : 0);
    }
}
