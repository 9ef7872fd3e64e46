using System.Globalization;

namespace IctEngine.Smc.Reference;

/// <summary>
/// A session window of the reference <c>sessions</c> function in minutes of the UTC day: the library's eight named
/// windows (case-sensitive names) or <c>Custom</c> with explicit <c>HH:MM</c> times. Both ends are inclusive;
/// a window with start &gt;= end wraps midnight.
/// </summary>
public sealed class TradingSession
{
    private static readonly (string Name, string Start, string End)[] BuiltIn =
    [
        ("Sydney", "21:00", "06:00"),
        ("Tokyo", "00:00", "09:00"),
        ("London", "07:00", "16:00"),
        ("New York", "13:00", "22:00"),
        ("Asian kill zone", "00:00", "04:00"),
        ("London open kill zone", "6:00", "9:00"),
        ("New York kill zone", "11:00", "14:00"),
        ("london close kill zone", "14:00", "16:00"),
    ];

    private TradingSession(string name, int startMinute, int endMinute)
    {
        Name = name;
        StartMinute = startMinute;
        EndMinute = endMinute;
    }

    /// <summary>The names <see cref="Resolve"/> accepts besides <c>Custom</c>.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = BuiltIn.Select(s => s.Name).ToArray();

    public string Name { get; }

    public int StartMinute { get; }

    public int EndMinute { get; }

    /// <summary>
    /// The library's lookup: a built-in name, or <c>Custom</c> with both times given (<see cref="FormatException"/>
    /// otherwise, like its ValueError/KeyError).
    /// </summary>
    public static TradingSession Resolve(string name, string? startTime = null, string? endTime = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "Custom")
        {
            if (string.IsNullOrEmpty(startTime) || string.IsNullOrEmpty(endTime))
            {
                throw new FormatException("the Custom session requires --start-time and --end-time (HH:MM)");
            }

            return new TradingSession(name, ParseMinute(startTime), ParseMinute(endTime));
        }

        foreach (var (builtIn, start, end) in BuiltIn)
        {
            if (builtIn == name)
            {
                return new TradingSession(name, ParseMinute(start), ParseMinute(end));
            }
        }

        throw new FormatException(
            $"unknown session '{name}' (expected one of: {string.Join(", ", BuiltInNames)}, Custom; names are case-sensitive)");
    }

    /// <summary>Whether a minute of the day (0..1439) is inside the window, ends included.</summary>
    public bool Contains(int minuteOfDay) => StartMinute < EndMinute
        ? StartMinute <= minuteOfDay && minuteOfDay <= EndMinute
        : StartMinute <= minuteOfDay || minuteOfDay <= EndMinute;

    /// <summary>strptime("%H:%M"): one or two digit hour 0..23, one or two digit minute 0..59.</summary>
    private static int ParseMinute(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && parts[0].Length is 1 or 2 && parts[1].Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && h < 24 && m < 60)
        {
            return h * 60 + m;
        }

        throw new FormatException($"'{text}' is not a time of day (HH:MM)");
    }
}
