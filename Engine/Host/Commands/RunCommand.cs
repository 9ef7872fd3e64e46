using System.CommandLine;
using System.Globalization;
using IctEngine.Host.Configuration;
using IctEngine.Host.Live;
using IctEngine.Host.Operations;
using Serilog;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict run</c> verb: the live engine next to MT5 (docs/OPERATIONS.md). Loads and validates the configuration
/// (exit 2 naming file, JSON path and reason), runs <see cref="LiveEngine"/> until SIGINT/SIGTERM (or
/// <c>--for</c> seconds), then shuts down in order and logs the time taken. A second signal forces exit.
/// </summary>
public static class RunCommand
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMilliseconds(1500);

    public static Command Create()
    {
        var command = new Command("run", "Run the live engine: MT5 bridge, pipeline, journal, health and metrics.");
        var config = new Option<string>("--config") { Description = "The engine configuration (JSON; see tools/engine.sample.json).", Required = true };
        var seconds = new Option<double?>("--for") { Description = "Stop after this many seconds (tests, soak); default: until SIGINT/SIGTERM." };
        var runId = new Option<string?>("--run-id") { Description = "Id of the run in the store (default: live-<UTC start time>)." };
        var haltFile = new Option<string?>("--halt-file")
        {
            Description = "A file (relative to the config) whose appearance halts trading; default HALT. Empty to disable.",
            DefaultValueFactory = _ => "HALT",
        };
        foreach (var option in new Option[] { config, seconds, runId, haltFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"--config: {path} does not exist.");
            }

            var engineConfig = EngineConfigLoader.Load(path);
            ApplyLogging(parse, engineConfig, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
            var duration = parse.GetValue(seconds);
            if (duration is <= 0)
            {
                throw new UsageException($"--for: {duration} must be a positive number of seconds.");
            }

            var id = parse.GetValue(runId) ?? "live-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            var halt = parse.GetValue(haltFile);
            return Run(engineConfig, path, id, string.IsNullOrEmpty(halt) ? null : halt, duration);
        });
        return command;
    }

    private static int Run(EngineConfig config, string path, string runId, string? haltFile, double? seconds)
    {
        var logger = Log.ForContext(typeof(RunCommand));
        using var shutdown = new ShutdownCoordinator();
        shutdown.Register();
        using var engine = new LiveEngine(config, path, runId) { HaltFile = haltFile };
        engine.Start();
        var deadline = seconds is { } s ? DateTime.UtcNow.AddSeconds(s) : DateTime.MaxValue;
        var failed = false;
        while (!shutdown.ShutdownRequested.WaitHandle.WaitOne(100))
        {
            if (!engine.IsRunning)
            {
                logger.Error("The pipeline stopped after a fault; shutting down");
                failed = true;
                break;
            }

            if (DateTime.UtcNow >= deadline)
            {
                logger.Information("--for {Seconds} s elapsed; shutting down", seconds);
                break;
            }
        }

        shutdown.AddStep("live engine", () => engine.Stop(DrainTimeout));
        var elapsed = shutdown.RunSteps();
        logger.Information("ict run {RunId} finished; shutdown took {Ms} ms", runId, (long)elapsed.TotalMilliseconds);
        return failed || engine.Pipeline.Faults.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The config's logging section, unless <c>--log-level</c>/<c>--log-dir</c> were given.</summary>
    private static void ApplyLogging(ParseResult parse, EngineConfig config, string baseDirectory)
    {
        var level = parse.GetResult(GlobalOptions.LogLevel) is { Implicit: false } ? parse.GetValue(GlobalOptions.LogLevel)! : config.Logging.Level;
        var directory = parse.GetResult(GlobalOptions.LogDirectory) is { Implicit: false }
            ? parse.GetValue(GlobalOptions.LogDirectory)
            : string.IsNullOrWhiteSpace(config.Logging.Directory) ? "" : Path.Combine(baseDirectory, config.Logging.Directory);
        EngineLogging.Configure(level, directory);
    }
}
