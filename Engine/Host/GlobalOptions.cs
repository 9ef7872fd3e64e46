using System.CommandLine;

namespace IctEngine.Host;

/// <summary>Options every verb accepts.</summary>
public static class GlobalOptions
{
    public static Option<string> LogLevel { get; } = new("--log-level")
    {
        Description = "Log level: verbose, debug, information, warning, error, fatal.",
        DefaultValueFactory = _ => "information",
        Recursive = true,
    };

    public static Option<string> LogDirectory { get; } = new("--log-dir")
    {
        Description = "Folder for the rolling compact-JSON log files (empty to disable).",
        DefaultValueFactory = _ => "logs",
        Recursive = true,
    };

    /// <summary>Configures logging from the parsed global options.</summary>
    public static void ApplyLogging(ParseResult parse, bool console = true) =>
        EngineLogging.Configure(parse.GetValue(LogLevel) ?? "information", parse.GetValue(LogDirectory), console);
}
