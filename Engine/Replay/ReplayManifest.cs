using System.Text.Json;
using System.Text.Json.Serialization;

namespace IctEngine.Replay;

/// <summary>
/// What a replay ran on and with: journaled as the RunStarted payload, so that <c>ict replay --verify</c> can run
/// the same inputs with the same settings again, and a report can show the configuration.
/// </summary>
public sealed class ReplayManifest
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new Json.MarketHoursJsonConverter(), new Json.SessionWindowJsonConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public required IReadOnlyList<ReplayInput> Inputs { get; init; }

    public required EngineSettings Settings { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ReplayManifest FromJson(string json) =>
        JsonSerializer.Deserialize<ReplayManifest>(json, JsonOptions)
        ?? throw new InvalidDataException("The run's manifest is empty.");
}
