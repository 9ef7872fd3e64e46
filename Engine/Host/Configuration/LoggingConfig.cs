namespace IctEngine.Host.Configuration;

/// <summary>The <c>logging</c> section (command-line <c>--log-level</c>/<c>--log-dir</c> override it).</summary>
public sealed class LoggingConfig
{
    public string Level { get; init; } = "information";

    /// <summary>Folder for rolling compact-JSON logs; empty disables file logging.</summary>
    public string Directory { get; init; } = "logs";
}
