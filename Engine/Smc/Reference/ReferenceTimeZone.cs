using System.Globalization;

namespace IctEngine.Smc.Reference;

/// <summary>
/// The <c>time_zone</c> argument of the reference <c>sessions</c>: "UTC" (default) or "UTC±N"/"GMT±N", which the
/// library rewrites to the POSIX zone <c>Etc/GMT±N</c> — whose sign is inverted — before converting the bar times
/// to UTC. So "UTC+2" moves bar times 2 hours later; reproduced as is (no DST: Etc zones have none).
/// </summary>
public sealed class ReferenceTimeZone
{
    private ReferenceTimeZone(string name, TimeSpan shiftToUtc)
    {
        Name = name;
        ShiftToUtc = shiftToUtc;
    }

    public static ReferenceTimeZone Utc { get; } = new("UTC", TimeSpan.Zero);

    public string Name { get; }

    /// <summary>What the library adds to a naive bar time to get the time it compares with the window.</summary>
    public TimeSpan ShiftToUtc { get; }

    public static ReferenceTimeZone Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "UTC")
        {
            return Utc;
        }

        var body = text.StartsWith("UTC", StringComparison.Ordinal) ? text[3..]
            : text.StartsWith("GMT", StringComparison.Ordinal) ? text[3..]
            : null;
        if (body is not null)
        {
            if (body.Length == 0)
            {
                return new ReferenceTimeZone(text, TimeSpan.Zero);
            }

            // Etc/GMT+N exists for N = 0..12 and Etc/GMT-N for N = 0..14.
            if (body[0] is '+' or '-'
                && int.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                && body.Length <= 3
                && hours <= (body[0] == '+' ? 12 : 14))
            {
                var posixHours = body[0] == '+' ? hours : -hours;
                return new ReferenceTimeZone(text, TimeSpan.FromHours(posixHours));
            }
        }

        throw new FormatException($"unsupported time zone '{text}' (expected UTC, UTC+N, UTC-N, GMT+N or GMT-N)");
    }
}
