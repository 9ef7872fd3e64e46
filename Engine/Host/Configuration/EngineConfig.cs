using System.Text.Json;

namespace IctEngine.Host.Configuration;

/// <summary>
/// The <c>ict run --config engine.json</c> file (reference in docs/OPERATIONS.md; sample in tools/engine.sample.json).
/// Loaded and validated by <see cref="EngineConfigLoader"/>. The strategy, risk and execution sections stay raw JSON
/// here and are bound by the host to those components' own option classes.
/// </summary>
public sealed class EngineConfig
{
    /// <summary>Symbols to trade (catalogue names). At least one.</summary>
    public List<string> Symbols { get; init; } = [];

    /// <summary>Optional instruments file (defaults to the built-in catalogue); relative to the config file.</summary>
    public string? Instruments { get; init; }

    /// <summary>Event store URI, e.g. <c>sqlite:data/ict.db</c> or <c>postgres://user@host/db</c>.</summary>
    public string Store { get; init; } = "";

    public BridgeConfig Bridge { get; init; } = new();

    public HttpConfig Http { get; init; } = new();

    public AlertsConfig Alerts { get; init; } = new();

    public HealthConfig Health { get; init; } = new();

    public LoggingConfig Logging { get; init; } = new();

    public RecordingConfig Recording { get; init; } = new();

    public PipelineConfig Pipeline { get; init; } = new();

    /// <summary>Tick validation options (<c>ValidationOptions</c>), raw JSON like the three below.</summary>
    public JsonElement Validation { get; init; }

    public JsonElement Strategy { get; init; }

    public JsonElement Risk { get; init; }

    public JsonElement Execution { get; init; }
}
