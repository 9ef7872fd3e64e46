using System.Globalization;
using System.Text;
using System.Text.Json;
using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// Renders stored events for people (one line each) and as JSON lines (the export format): decision payloads are
/// decoded with <see cref="DecisionCodec"/> and their fields named by <see cref="DecisionFieldNames"/>; run events'
/// JSON payloads are embedded as they are. Zero fields are left out, as the codec does.
/// </summary>
public static class JournalEventFormatter
{
    /// <summary>One line: position, stream@version, decision time, type, then named non-zero fields.</summary>
    public static string ToLine(RecordedEvent e)
    {
        var text = new StringBuilder(160);
        text.Append(CultureInfo.InvariantCulture, $"#{e.Position} {e.Stream}@{e.Version} {new Timestamp(e.TimeNs)} {e.Type}");
        if (TryDecode(e, out var decision))
        {
            for (var f = 0; f < DecisionCodec.FieldCount; f++)
            {
                if (f == 3)
                {
                    continue; // the decision time is already the envelope's
                }

                var value = DecisionFieldNames.ValueOf(decision, f);
                if (value != 0)
                {
                    text.Append(' ').Append(DecisionFieldNames.Of(decision.Type, f)).Append('=').Append(FormatValue(decision, f, value));
                }
            }
        }
        else if (IsJson(e))
        {
            text.Append(' ').Append(Encoding.UTF8.GetString(e.Payload));
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $" ({e.Payload.Length} bytes)");
        }

        return text.ToString();
    }

    /// <summary>One JSON object (no newline) describing the event.</summary>
    public static string ToJson(RecordedEvent e)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteNumber("position", e.Position);
            json.WriteString("stream", e.Stream);
            json.WriteNumber("version", e.Version);
            json.WriteString("type", e.Type);
            json.WriteString("eventId", e.EventId);
            json.WriteString("runId", e.Metadata.RunId);
            json.WriteNumber("correlationId", e.Metadata.CorrelationId);
            json.WriteNumber("causationId", e.Metadata.CausationId);
            json.WriteNumber("timeNs", e.TimeNs);
            json.WriteString("time", new Timestamp(e.TimeNs).ToString());
            if (TryDecode(e, out var decision))
            {
                json.WriteStartObject("decision");
                for (var f = 0; f < DecisionCodec.FieldCount; f++)
                {
                    var value = DecisionFieldNames.ValueOf(decision, f);
                    if (value != 0)
                    {
                        json.WriteNumber(DecisionFieldNames.Of(decision.Type, f), value);
                    }
                }

                json.WriteEndObject();
            }
            else if (IsJson(e))
            {
                json.WritePropertyName("payload");
                json.WriteRawValue(e.Payload, skipInputValidation: false);
            }
            else
            {
                json.WriteBase64String("payloadBase64", e.Payload);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Decodes the payload when the event is a decision.</summary>
    public static bool TryDecode(RecordedEvent e, out Decision decision)
    {
        decision = default;
        return JournalEventTypes.TryParse(e.Type, out var type)
            && type is not DecisionType.RunStarted and not DecisionType.RunCompleted
            && DecisionCodec.TryDecode(e.Payload, out decision, out _, out _);
    }

    private static bool IsJson(RecordedEvent e)
    {
        if (e.Payload.Length == 0 || (e.Payload[0] != (byte)'{' && e.Payload[0] != (byte)'['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(e.Payload);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FormatValue(in Decision decision, int field, long value)
    {
        if (field == 0 && decision.Type == DecisionType.TickRejected && value is >= 0 and <= byte.MaxValue && Enum.IsDefined((RejectReason)value))
        {
            return ((RejectReason)value).ToString();
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }
}
