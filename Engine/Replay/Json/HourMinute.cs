using System.Globalization;
using System.Text.Json;

namespace IctEngine.Replay.Json;

/// <summary>Reads and writes times of day as "HH:mm" in settings files.</summary>
internal static class HourMinute
{
    public static string Format(int minuteOfDay) =>
        (minuteOfDay / 60).ToString("D2", CultureInfo.InvariantCulture) + ":" + (minuteOfDay % 60).ToString("D2", CultureInfo.InvariantCulture);

    public static int Parse(string? text, string property)
    {
        if (text is { Length: 5 } && text[2] == ':'
            && int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            && int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && h is >= 0 and <= 24 && m is >= 0 and < 60)
        {
            return (h * 60) + m;
        }

        throw new JsonException($"{property}: '{text}' is not a time of day HH:mm.");
    }
}
