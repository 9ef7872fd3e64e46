using System.CommandLine;
using System.Globalization;
using IctEngine.Core;
using IctEngine.Host.Configuration;
using IctEngine.Journal;
using IctEngine.Replay;
using IctEngine.Ticks;
using Spectre.Console;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict replay</c> verb: recorded ticks through the whole pipeline into the event store.</summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("ticks")
        {
            Description = "Tick files or folders (MT5 export, Lean zips, Dukascopy .bi5, HistData, .ticks).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var symbol = new Option<string>("--symbol") { Description = "Instrument of the ticks (e.g. EURUSD).", DefaultValueFactory = _ => "EURUSD" };
        var format = new Option<string?>("--format") { Description = "Input format: mt5, lean, dukascopy, histdata, ticks (default: detected)." };
        var serverTz = new Option<string?>("--server-tz") { Description = "Time zone of MT5/HistData/FXCM times: an IANA id or a fixed offset such as +02:00." };
        var skipBad = new Option<bool>("--skip-bad-lines") { Description = "Count and skip malformed lines instead of stopping at the first." };
        var store = StoreOptions.Create();
        var config = new Option<string?>("--config") { Description = "Engine settings JSON (validation, smc, strategy, risk, execution, threading)." };
        var runId = new Option<string?>("--run-id") { Description = "Id of the run (default: the UTC start time)." };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Also write the summary as JSON to this file." };
        var threading = new Option<string?>("--threading") { Description = "Override the threading: fused, threads, or groups like validation,smc|risk,execution|journal." };
        var verify = new Option<string?>("--verify") { Description = "Re-run the journaled run RUN_ID and report the first diverging decision, if any." };
        var instruments = new Option<string?>("--instruments") { Description = "Instruments JSON file (default: the built-in EURUSD, GBPUSD, NZDUSD, USDJPY, GBPJPY, XAUUSD)." };
        var report = new Option<string?>("--report") { Description = "After the replay, write the run's report (charts and index.html, as ict report) into this folder." };

        var command = new Command("replay", "Replay recorded ticks through validation → SMC → risk → execution into the event store, and print a summary.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { symbol, format, serverTz, skipBad, store, config, runId, summaryJson, threading, verify, instruments, report })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            var catalog = InstrumentsOption.Load(parse.GetValue(instruments));
            var settings = EngineSettingsLoader.Load(parse.GetValue(config));
            if (parse.GetValue(threading) is { } t)
            {
                settings = With(settings, t);
            }

            using var eventStore = StoreOptions.Open(parse.GetValue(store)!);
            if (parse.GetValue(verify) is { } verifyRun)
            {
                return Verify(catalog, eventStore, verifyRun, parse.GetValue(config) is null ? null : settings);
            }

            var paths = parse.GetValue(inputs) ?? [];
            if (paths.Length == 0)
            {
                throw new UsageException("replay: give tick files or folders to replay (or --verify RUN_ID).");
            }

            var sym = parse.GetValue(symbol)!;
            if (!catalog.TryGet(sym, out _))
            {
                throw new UsageException($"--symbol: unknown instrument '{sym}'.");
            }

            var manifest = new ReplayManifest
            {
                Inputs = [new ReplayInput(sym.ToUpperInvariant(), [.. paths.Select(Path.GetFullPath)], ParseFormat(parse.GetValue(format)),
                    parse.GetValue(serverTz), parse.GetValue(skipBad))],
                Settings = settings,
            };
            var id = parse.GetValue(runId) ?? DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            if (RunCatalog.FindRun(eventStore, id) is not null)
            {
                throw new UsageException($"--run-id: run '{id}' already exists in {eventStore.Description}.");
            }

            var result = new ReplayRunner(catalog).Run(manifest, eventStore, id);
            ReplaySummaryView.Write(result.Summary, AnsiConsole.Console);
            if (parse.GetValue(summaryJson) is { } jsonPath)
            {
                WriteFile(jsonPath, result.Summary.ToJson());
            }

            if (!result.Completed)
            {
                Console.Error.WriteLine($"ict replay: the run did not complete: {DescribeFault(result)}");
                return ExitCodes.Failure;
            }

            if (parse.GetValue(report) is { } reportDir)
            {
                WriteReport(eventStore, catalog, id, reportDir);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static TickFormat? ParseFormat(string? text) =>
        text is null ? null
        : Enum.TryParse<TickFormat>(text, ignoreCase: true, out var f) ? f
        : throw new UsageException($"--format: '{text}' is not one of {string.Join(", ", Enum.GetNames<TickFormat>()).ToLowerInvariant()}.");

    private static int Verify(InstrumentCatalog catalog, IEventStore store, string runId, EngineSettings? settingsOverride)
    {
        var result = new ReplayVerifier(catalog).Verify(store, runId, settingsOverride);
        if (result.Identical)
        {
            Console.WriteLine($"verified: run {runId} re-ran to the same {result.Compared:N0} decisions (decisionsHash {result.RerunHash}).");
            return ExitCodes.Success;
        }

        Console.WriteLine($"DIVERGED: run {runId}, first different decision at index {result.FirstDivergence:N0}");
        Console.WriteLine($"  journaled: {DecisionText.Describe(result.Journaled, catalog)}");
        Console.WriteLine($"  re-run:    {DecisionText.Describe(result.Rerun, catalog)}");
        return ExitCodes.Failure;
    }

    /// <summary>The same report as <c>ict report --run ID --out DIR</c>, from the store the replay just wrote.</summary>
    private static void WriteReport(IEventStore store, InstrumentCatalog catalog, string runId, string dir)
    {
        var info = RunCatalog.FindRun(store, runId) ?? throw new InvalidOperationException($"run '{runId}' was not journaled.");
        var run = JournalReportRunSource.Load(store, info.ConfigurationJson, runId, catalog);
        var output = Report.ReportGenerator.Generate(runId, run, dir, new Report.ReportOptions());
        Console.WriteLine($"Wrote {output.Charts.Count} charts and {output.IndexPath}");
    }

    private static EngineSettings With(EngineSettings s, string threading) => new()
    {
        Validation = s.Validation,
        Smc = s.Smc,
        Risk = s.Risk,
        Execution = s.Execution,
        Threading = threading,
        WaitStrategy = s.WaitStrategy,
        RingSize = s.RingSize,
        DecisionQueueCapacity = s.DecisionQueueCapacity,
        LatencySampleShift = s.LatencySampleShift,
    };

    private static string DescribeFault(ReplayResult result) =>
        result.JournalFault?.Message
        ?? (result.Faults.Count > 0 ? $"stage {result.Faults[0].Stage} at sequence {result.Faults[0].Sequence}: {result.Faults[0].Exception.Message}" : "timed out draining");

    private static void WriteFile(string path, string text)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, text);
    }
}
