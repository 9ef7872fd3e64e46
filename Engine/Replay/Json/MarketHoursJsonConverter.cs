using System.Text.Json;
using System.Text.Json.Serialization;
using IctEngine.Validation;
using NodaTime;

namespace IctEngine.Replay.Json;

/// <summary>
/// Market hours in settings JSON: <c>{ "timeZone", "openDay", "openTime": "HH:mm", "closeDay", "closeTime",
/// "dailyBreakStart", "dailyBreakEnd" }</c>, days as ISO names (Sunday, Friday…).
/// </summary>
public sealed class MarketHoursJsonConverter : JsonConverter<MarketHours>
{
    public override MarketHours Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var doc = JsonElement.ParseValue(ref reader);
        string zone = "America/New_York";
        IsoDayOfWeek openDay = IsoDayOfWeek.Sunday, closeDay = IsoDayOfWeek.Friday;
        LocalTime? open = null, close = null, breakStart = null, breakEnd = null;
        foreach (var p in doc.EnumerateObject())
        {
            switch (p.Name)
            {
                case "timeZone": zone = p.Value.GetString() ?? zone; break;
                case "openDay": openDay = Day(p.Value, p.Name); break;
                case "closeDay": closeDay = Day(p.Value, p.Name); break;
                case "openTime": open = Time(p.Value, p.Name); break;
                case "closeTime": close = Time(p.Value, p.Name); break;
                case "dailyBreakStart": breakStart = Time(p.Value, p.Name); break;
                case "dailyBreakEnd": breakEnd = Time(p.Value, p.Name); break;
                default: throw new JsonException($"marketHours: unknown property '{p.Name}'.");
            }
        }

        try
        {
            return new MarketHours(zone, openDay, open, closeDay, close, breakStart, breakEnd);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, MarketHours value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("timeZone", value.TimeZone);
        writer.WriteString("openDay", value.OpenDay.ToString());
        writer.WriteString("openTime", Format(value.OpenTime));
        writer.WriteString("closeDay", value.CloseDay.ToString());
        writer.WriteString("closeTime", Format(value.CloseTime));
        if (value.DailyBreakStart is { } s && value.DailyBreakEnd is { } e)
        {
            writer.WriteString("dailyBreakStart", Format(s));
            writer.WriteString("dailyBreakEnd", Format(e));
        }

        writer.WriteEndObject();
    }

    private static string Format(LocalTime t) => HourMinute.Format((t.Hour * 60) + t.Minute);

    private static LocalTime? Time(JsonElement value, string property)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var minutes = HourMinute.Parse(value.GetString(), property);
        return minutes == 24 * 60 ? LocalTime.Midnight : new LocalTime(minutes / 60, minutes % 60);
    }

    private static IsoDayOfWeek Day(JsonElement value, string property) =>
        Enum.TryParse<IsoDayOfWeek>(value.GetString(), ignoreCase: true, out var day) && day != IsoDayOfWeek.None
            ? day
            : throw new JsonException($"{property}: '{value.GetString()}' is not a day of the week.");
}
