using System.Text.Json;
using System.Text.Json.Serialization;
using IctEngine.Smc.Structure;

namespace IctEngine.Replay.Json;

/// <summary>A session or killzone in settings JSON: <c>{ "name", "isKillzone", "timeZone", "start": "HH:mm", "end": "HH:mm", "inclusiveEnd" }</c>.</summary>
public sealed class SessionWindowJsonConverter : JsonConverter<SessionWindow>
{
    public override SessionWindow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var doc = JsonElement.ParseValue(ref reader);
        string? name = null, zone = null, start = null, end = null;
        bool killzone = false, inclusiveEnd = false;
        foreach (var p in doc.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name": name = p.Value.GetString(); break;
                case "timeZone": zone = p.Value.GetString(); break;
                case "start": start = p.Value.GetString(); break;
                case "end": end = p.Value.GetString(); break;
                case "isKillzone": killzone = p.Value.GetBoolean(); break;
                case "inclusiveEnd": inclusiveEnd = p.Value.GetBoolean(); break;
                default: throw new JsonException($"session: unknown property '{p.Name}'.");
            }
        }

        var s = HourMinute.Parse(start, "start");
        var e = HourMinute.Parse(end, "end");
        try
        {
            return new SessionWindow(name ?? throw new JsonException("session: 'name' is required."), killzone,
                zone ?? "UTC", s / 60, s % 60, e / 60, e % 60, inclusiveEnd);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, SessionWindow value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("name", value.Name);
        writer.WriteBoolean("isKillzone", value.IsKillzone);
        writer.WriteString("timeZone", value.TimeZoneId);
        writer.WriteString("start", HourMinute.Format(value.StartMinuteOfDay));
        writer.WriteString("end", HourMinute.Format(value.EndMinuteOfDay));
        writer.WriteBoolean("inclusiveEnd", value.InclusiveEnd);
        writer.WriteEndObject();
    }
}
