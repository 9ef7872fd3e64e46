using System.CommandLine;
using System.Text.Json;
using IctEngine.Core;
using IctEngine.Ticks;
using Serilog;
using Spectre.Console;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict import</c> verb: reads tick files and folders of any supported format and writes them as a native
/// <c>.ticks</c> store or as CSV, with a progress bar on a terminal and a summary (ticks, UTC range, bad lines).
/// </summary>
public static class ImportCommand
{
    private const int BatchSize = 8192;

    public static Command Create()
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Tick files or folders (MT5 export, Lean zips, Dukascopy .bi5, HistData CSV, .ticks).",
            Arity = ArgumentArity.OneOrMore,
        };
        var symbol = new Option<string>("--symbol") { Description = "Instrument, e.g. EURUSD (sets digits and the Dukascopy scale).", Required = true };
        var output = new Option<string>("--out") { Description = "Output file: FILE.ticks (native store) or FILE.csv.", Required = true };
        var format = new Option<string?>("--format") { Description = "Input format (default: detected): mt5, lean, dukascopy, histdata, ticks." };
        var serverTz = new Option<string?>("--server-tz")
        {
            Description = "Time zone of the input's timestamps: IANA id (Europe/Athens), offset (+02:00) or UTC. Default per format: UTC (MT5, OANDA), UTC-5 (HistData, FXCM).",
        };
        var skipBad = new Option<bool>("--skip-bad-lines") { Description = "Count and report malformed lines instead of stopping at the first." };
        var summaryJson = new Option<string?>("--summary-json") { Description = "Also write {ticks, firstUtc, lastUtc, badLines} to this JSON file." };

        var command = new Command("import", "Convert tick files (MT5, Lean, Dukascopy, HistData, .ticks) into the native tick store or CSV.");
        command.Arguments.Add(inputs);
        command.Options.Add(symbol);
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(serverTz);
        command.Options.Add(skipBad);
        command.Options.Add(summaryJson);
        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            try
            {
                Run(new ImportRequest(
                    parse.GetValue(inputs) ?? [],
                    parse.GetValue(symbol)!,
                    parse.GetValue(output)!,
                    ParseFormat(parse.GetValue(format)),
                    parse.GetValue(serverTz),
                    parse.GetValue(skipBad),
                    parse.GetValue(summaryJson)));
            }
            catch (Exception e) when (Program.IsBadInput(e))
            {
                // The invocation pipeline would print a stack trace: bad input is one line and exit code 2.
                Console.Error.WriteLine($"ict: {e.Message}");
                return ExitCodes.BadUsage;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static TickFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "mt5" => TickFormat.Mt5,
        "lean" => TickFormat.Lean,
        "dukascopy" or "bi5" => TickFormat.Dukascopy,
        "histdata" => TickFormat.HistData,
        "ticks" or "native" => TickFormat.Native,
        _ => throw new UsageException($"--format: '{text}' is not one of mt5, lean, dukascopy, histdata, ticks."),
    };

    private static void Run(ImportRequest request)
    {
        var instrument = InstrumentCatalog.Default.TryGet(request.Symbol, out var found)
            ? found
            : throw new UsageException($"--symbol: unknown instrument '{request.Symbol}'. Known: {string.Join(", ", InstrumentCatalog.Default.All.Select(i => i.Symbol))}.");
        var extension = Path.GetExtension(request.Output).ToLowerInvariant();
        if (extension is not (".ticks" or ".csv"))
        {
            throw new UsageException($"--out: '{request.Output}' must end in .ticks or .csv.");
        }

        if (request.ServerTimeZone is not null)
        {
            SourceTimeZone.Parse(request.ServerTimeZone); // a bad zone is a usage error before any work
        }

        var options = new TickReaderOptions { TimeZone = request.ServerTimeZone, SkipBadLines = request.SkipBadLines };
        var temp = request.Output + ".partial";
        ImportSummary summary;
        int sources;
        using (var reader = TickSources.Open(request.Inputs, request.Format, instrument, options))
        {
            sources = reader is TickFileSequence sequence ? sequence.SourceCount : 1;
            var showProgress = !Console.IsErrorRedirected && sources > 1 && reader is TickFileSequence;
            summary = showProgress ? CopyWithProgress(reader, instrument, temp, extension) : Copy(reader, instrument, temp, extension, null);
        }

        File.Move(temp, request.Output, overwrite: true);
        Log.ForContext(typeof(ImportCommand)).Information("Imported {Ticks} {Symbol} ticks from {Files} files into {Output} ({BadLines} bad lines)",
            summary.Ticks, instrument.Symbol, sources, request.Output, summary.BadLines);
        PrintSummary(summary, instrument, request.Output, sources);
        if (request.SummaryJson is not null)
        {
            WriteSummaryJson(request.SummaryJson, summary);
        }
    }

    private static ImportSummary CopyWithProgress(ITickReader reader, Instrument instrument, string temp, string extension)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var sequence = (TickFileSequence)reader;
        ImportSummary summary = default;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Importing {instrument.Symbol}", maxValue: sequence.SourceCount);
                summary = Copy(reader, instrument, temp, extension, () => task.Value = sequence.SourcesDone);
                task.Value = sequence.SourceCount;
            });
        return summary;
    }

    private static ImportSummary Copy(ITickReader reader, Instrument instrument, string temp, string extension, Action? onBatch)
    {
        var buffer = new Tick[BatchSize];
        long count = 0;
        long first = 0;
        long last = 0;
        File.Delete(temp);
        TickStoreWriter? store = null;
        TickCsvWriter? csv = null;
        try
        {
            if (extension == ".ticks")
            {
                store = new TickStoreWriter(temp, instrument);
            }
            else
            {
                csv = new TickCsvWriter(new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), instrument);
            }

            int n;
            while ((n = reader.Read(buffer)) > 0)
            {
                var batch = buffer.AsSpan(0, n);
                if (count == 0)
                {
                    first = batch[0].TimeNs;
                }

                last = batch[^1].TimeNs;
                count += n;
                if (store is not null)
                {
                    store.Append(batch);
                }
                else
                {
                    foreach (ref readonly var tick in batch)
                    {
                        csv!.Write(in tick);
                    }
                }

                onBatch?.Invoke();
            }
        }
        catch
        {
            store?.Dispose();
            csv?.Dispose();
            File.Delete(temp);
            throw;
        }

        store?.Dispose();
        csv?.Dispose();
        return new ImportSummary(count, count > 0 ? first : null, count > 0 ? last : null, reader.BadLines);
    }

    private static void PrintSummary(ImportSummary summary, Instrument instrument, string output, int files)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        var table = new Table().AddColumn("import").AddColumn("value");
        table.AddRow("symbol", instrument.Symbol);
        table.AddRow("files", files.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("ticks", summary.Ticks.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("first (UTC)", summary.FirstUtcNs is { } f ? new Timestamp(f).ToMillisecondString() : "-");
        table.AddRow("last (UTC)", summary.LastUtcNs is { } l ? new Timestamp(l).ToMillisecondString() : "-");
        table.AddRow("bad lines", summary.BadLines.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("output", Markup.Escape(output));
        console.Write(table);
    }

    private static void WriteSummaryJson(string path, ImportSummary summary)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("ticks", summary.Ticks);
        WriteTime(json, "firstUtc", summary.FirstUtcNs);
        WriteTime(json, "lastUtc", summary.LastUtcNs);
        json.WriteNumber("badLines", summary.BadLines);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, long? ns)
    {
        if (ns is { } value)
        {
            json.WriteString(name, new Timestamp(value).ToString());
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private sealed record ImportRequest(
        string[] Inputs, string Symbol, string Output, TickFormat? Format, string? ServerTimeZone, bool SkipBadLines, string? SummaryJson);

    private readonly record struct ImportSummary(long Ticks, long? FirstUtcNs, long? LastUtcNs, long BadLines);
}
