using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace IctEngine.Host;

/// <summary>
/// Configures Serilog once for the process: a console sink for people (stderr, so that stdout stays
/// machine-readable) and a daily rolling compact-JSON file under <c>logs/</c>. Components log through
/// <c>Log.ForContext&lt;T&gt;()</c>, which gives each its own <c>SourceContext</c>.
/// </summary>
public static class EngineLogging
{
    public static LoggingLevelSwitch LevelSwitch { get; } = new(LogEventLevel.Information);

    public static void Configure(string level, string? logDirectory = "logs", bool console = true)
    {
        LevelSwitch.MinimumLevel = ParseLevel(level);
        var config = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(LevelSwitch)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("ProcessId", Environment.ProcessId);
        if (console)
        {
            config = config.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} [{SourceContext}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        }

        if (!string.IsNullOrEmpty(logDirectory))
        {
            config = config.WriteTo.File(
                new CompactJsonFormatter(),
                Path.Combine(logDirectory, "ict-.clef"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                buffered: true,
                flushToDiskInterval: TimeSpan.FromSeconds(1));
        }

        Log.Logger = config.CreateLogger();
    }

    public static LogEventLevel ParseLevel(string level) => level.Trim().ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => throw new UsageException($"--log-level: '{level}' is not one of verbose, debug, information, warning, error, fatal."),
    };
}
