using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using IctEngine.Core;

namespace IctEngine.Host.Configuration;

/// <summary>
/// Reads and validates <c>engine.json</c> at start-up. Every problem is reported as an
/// <see cref="InvalidDataException"/> naming the file, the JSON path and the reason (e.g.
/// <c>engine.json: $.bridge.port: 70000 is not a port (1..65535)</c>); all problems found are listed at once.
/// Relative paths (instruments, secret file, recording) are resolved against the config file's folder.
/// </summary>
public static class EngineConfigLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static EngineConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: config file not found.", path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Loads from a stream; <paramref name="name"/> is used in messages, <paramref name="baseDirectory"/> for relative paths.</summary>
    public static EngineConfig Load(Stream json, string name, string baseDirectory)
    {
        EngineConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<EngineConfig>(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new InvalidDataException($"{name}: {e.Path ?? "$"}{where}: {FirstSentence(e.Message)}", e);
        }

        if (config is null)
        {
            throw new InvalidDataException($"{name}: $: the file is empty (expected a JSON object).");
        }

        var errors = new List<string>();
        Validate(config, baseDirectory, errors);
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{name}: " + string.Join($"; {name}: ", errors));
        }

        return config;
    }

    private static void Validate(EngineConfig c, string baseDirectory, List<string> errors)
    {
        var catalog = InstrumentCatalog.Default;
        if (!string.IsNullOrWhiteSpace(c.Instruments))
        {
            var instruments = Path.Combine(baseDirectory, c.Instruments);
            try
            {
                catalog = InstrumentCatalog.Load(instruments);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                errors.Add($"$.instruments: {e.Message}");
            }
        }

        if (c.Symbols.Count == 0)
        {
            errors.Add("$.symbols: at least one symbol is required");
        }

        for (var i = 0; i < c.Symbols.Count; i++)
        {
            if (!catalog.TryGet(c.Symbols[i], out _))
            {
                errors.Add($"$.symbols[{i}]: '{c.Symbols[i]}' is not in the instrument catalogue ({string.Join(", ", catalog.All.Select(x => x.Symbol))})");
            }
        }

        if (string.IsNullOrWhiteSpace(c.Store))
        {
            errors.Add("$.store: required (e.g. \"sqlite:data/ict.db\")");
        }

        ValidateBridge(c.Bridge, catalog, baseDirectory, errors);
        if (!IPAddress.TryParse(c.Http.Bind, out _))
        {
            errors.Add($"$.http.bind: '{c.Http.Bind}' is not an IP address");
        }

        CheckPort(c.Http.Port, "$.http.port", errors);
        ValidateAlerts(c.Alerts, errors);
        try
        {
            EngineLogging.ParseLevel(c.Logging.Level);
        }
        catch (UsageException)
        {
            errors.Add($"$.logging.level: '{c.Logging.Level}' is not one of verbose, debug, information, warning, error, fatal");
        }

        foreach (var (section, value) in new[] { ("strategy", c.Strategy), ("risk", c.Risk), ("execution", c.Execution), ("validation", c.Validation) })
        {
            if (value.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
            {
                errors.Add($"$.{section}: expected an object, got {value.ValueKind}");
            }
        }
    }

    private static void ValidateBridge(BridgeConfig b, InstrumentCatalog catalog, string baseDirectory, List<string> errors)
    {
        if (!IPAddress.TryParse(b.Bind, out _))
        {
            errors.Add($"$.bridge.bind: '{b.Bind}' is not an IP address");
        }

        CheckPort(b.Port, "$.bridge.port", errors);
        if (b.Secret is not null && b.SecretFile is not null)
        {
            errors.Add("$.bridge: give either secret or secretFile, not both");
        }
        else if (b.SecretFile is not null)
        {
            var file = Path.Combine(baseDirectory, b.SecretFile);
            try
            {
                b.ResolvedSecret = (File.ReadLines(file).FirstOrDefault() ?? "").Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add($"$.bridge.secretFile: cannot read {file}: {e.Message}");
                return;
            }
        }
        else
        {
            b.ResolvedSecret = b.Secret ?? "";
        }

        if (b.ResolvedSecret.Length < 12)
        {
            errors.Add("$.bridge.secret: a shared secret of at least 12 characters is required (secret or secretFile)");
        }

        if (b.HeartbeatMs is < 100 or > 60_000)
        {
            errors.Add($"$.bridge.heartbeatMs: {b.HeartbeatMs} is not 100..60000");
        }

        if (b.TimeoutMs < 2 * b.HeartbeatMs)
        {
            errors.Add($"$.bridge.timeoutMs: {b.TimeoutMs} must be at least twice heartbeatMs ({b.HeartbeatMs})");
        }

        if (b.StartFrom is not null && !Timestamp.TryParse(b.StartFrom, out _))
        {
            errors.Add($"$.bridge.startFrom: '{b.StartFrom}' is not a UTC time (yyyy-MM-dd HH:mm:ss)");
        }

        foreach (var (broker, symbol) in b.SymbolAliases)
        {
            if (!catalog.TryGet(symbol, out _))
            {
                errors.Add($"$.bridge.symbolAliases.{broker}: '{symbol}' is not in the instrument catalogue");
            }
        }

        if (b.MaxRecoveryAttempts < 1)
        {
            errors.Add($"$.bridge.maxRecoveryAttempts: {b.MaxRecoveryAttempts} must be at least 1");
        }
    }

    private static void ValidateAlerts(AlertsConfig a, List<string> errors)
    {
        if (a.EvaluationSeconds is <= 0 or > 3600)
        {
            errors.Add($"$.alerts.evaluationSeconds: {a.EvaluationSeconds} is not in (0, 3600]");
        }

        if (a.ForEvaluations < 1)
        {
            errors.Add($"$.alerts.forEvaluations: {a.ForEvaluations} must be at least 1");
        }

        foreach (var (name, t) in new[]
                 {
                     ("latencyP99Ms", a.LatencyP99Ms), ("rejectRatePercent", a.RejectRatePercent), ("feedSilentSeconds", a.FeedSilentSeconds),
                     ("drawdownOfDailyLimitPercent", a.DrawdownOfDailyLimitPercent), ("journalLagEvents", a.JournalLagEvents),
                 })
        {
            if (t.Enabled && (t.Clear > t.Raise || t.Raise <= 0 || t.Clear < 0))
            {
                errors.Add($"$.alerts.{name}: need 0 <= clear <= raise and raise > 0 (got raise {t.Raise}, clear {t.Clear}); clear below raise is the hysteresis");
            }
        }

        if (a.WebhookUrl is not null && (!Uri.TryCreate(a.WebhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add($"$.alerts.webhookUrl: '{a.WebhookUrl}' is not an http(s) URL");
        }
    }

    private static void CheckPort(int port, string path, List<string> errors)
    {
        if (port is < 1 or > 65535)
        {
            errors.Add($"{path}: {port} is not a port (1..65535)");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
