using System.Text.Json;
using System.Text.Json.Serialization;
using IctEngine.Replay;

namespace IctEngine.Host.Configuration;

/// <summary>
/// Reads <see cref="EngineSettings"/> (validation, smc with its strategy, risk, execution, threading) from JSON.
/// Unknown properties are errors, so a misspelt option is never silently ignored; every error names the file and
/// the JSON path.
/// </summary>
public static class EngineSettingsLoader
{
    private static readonly JsonSerializerOptions Options = new(ReplayManifest.JsonOptions)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static EngineSettings Load(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return new EngineSettings();
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"--config: {path} does not exist.");
        }

        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static EngineSettings Parse(Stream json, string name)
    {
        EngineSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<EngineSettings>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: {e.Path ?? "$"}: {FirstLine(e.Message)}", e);
        }

        return Validate(settings ?? new EngineSettings(), name);
    }

    public static EngineSettings FromElement(JsonElement element, string name)
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new EngineSettings();
        }

        try
        {
            return Validate(element.Deserialize<EngineSettings>(Options) ?? new EngineSettings(), name);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: {e.Path ?? "$"}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// The live engine's settings from <c>engine.json</c>: <c>strategy</c> (the SMC options), <c>risk</c>,
    /// <c>execution</c>, <c>validation</c> and <c>pipeline</c>. Errors name the file and the JSON path in that file.
    /// </summary>
    public static EngineSettings FromConfig(EngineConfig config, string name)
    {
        var settings = new EngineSettings
        {
            Smc = Section<IctEngine.Smc.SmcOptions>(config.Strategy, name, "strategy"),
            Risk = Section<IctEngine.Risk.RiskOptions>(config.Risk, name, "risk"),
            Execution = Section<IctEngine.Execution.ExecutionOptions>(config.Execution, name, "execution"),
            Validation = Section<IctEngine.Validation.ValidationOptions>(config.Validation, name, "validation"),
            Threading = config.Pipeline.Threading,
            WaitStrategy = config.Pipeline.WaitStrategy,
            RingSize = config.Pipeline.RingSize,
            PinThreads = config.Pipeline.PinThreads,
            ConsumerCpus = config.Pipeline.ConsumerCpus,
            WriterCpu = config.Pipeline.WriterCpu,
        };
        return Validate(settings, name);
    }

    private static T Section<T>(JsonElement element, string name, string section)
        where T : new()
    {
        if (element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return new T();
        }

        try
        {
            return element.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException e)
        {
            var path = e.Path is null or "$" ? "" : e.Path[1..];
            throw new InvalidDataException($"{name}: $.{section}{path}: {FirstLine(e.Message)}", e);
        }
    }

    private static EngineSettings Validate(EngineSettings settings, string name)
    {
        try
        {
            settings.Smc.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{name}: smc: {e.Message}", e);
        }

        if (settings.RingSize < 1024 || (settings.RingSize & (settings.RingSize - 1)) != 0)
        {
            throw new InvalidDataException($"{name}: ringSize must be a power of two ≥ 1024 (got {settings.RingSize}).");
        }

        if ((settings.ConsumerCpus is not null || settings.WriterCpu is not null) && !settings.PinThreads)
        {
            throw new InvalidDataException($"{name}: consumerCpus and writerCpu choose the CPUs of pinned threads: set pinThreads to true as well.");
        }

        var processors = Environment.ProcessorCount;
        foreach (var cpu in settings.ConsumerCpus ?? [])
        {
            if (cpu < 0 || cpu >= processors)
            {
                throw new InvalidDataException($"{name}: consumerCpus: CPU {cpu} does not exist (this machine has CPUs 0-{processors - 1}).");
            }
        }

        if (settings.ConsumerCpus is { Length: 0 })
        {
            throw new InvalidDataException($"{name}: consumerCpus: list at least one CPU, or leave it out for the last CPUs.");
        }

        if (settings.WriterCpu is { } writer && (writer < 0 || writer >= processors))
        {
            throw new InvalidDataException($"{name}: writerCpu: CPU {writer} does not exist (this machine has CPUs 0-{processors - 1}).");
        }

        return settings;
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline].TrimEnd();
    }
}
