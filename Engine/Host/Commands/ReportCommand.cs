using System.CommandLine;
using System.Globalization;
using IctEngine.Core;
using IctEngine.Report;

namespace IctEngine.Host.Commands;

/// <summary>
/// The <c>ict report</c> verb: charts and an HTML page of a stored run. The event store is reached through an
/// <see cref="IReportRunSource"/> given by the host's wiring (<see cref="Create(IReportRunSource?)"/>).
/// </summary>
public static class ReportCommand
{
    public static Command Create() => Create(null);

    public static Command Create(IReportRunSource? source)
    {
        var run = new Option<string>("--run") { Description = "Id of the run to report.", Required = true };
        var store = new Option<string?>("--store") { Description = "Event store (SQLite file or PostgreSQL connection string); default: the configured store." };
        var symbol = new Option<string?>("--symbol") { Description = "Only this symbol (default: every symbol of the run)." };
        var from = new Option<string?>("--from") { Description = "Start of the period to show, UTC (yyyy-MM-dd[ HH:mm[:ss]])." };
        var to = new Option<string?>("--to") { Description = "End of the period to show, UTC (yyyy-MM-dd[ HH:mm[:ss]])." };
        var timeframes = new Option<string?>("--timeframe") { Description = "Bar timeframes to chart, e.g. M5 or M15,H1 (default: M5 or the smallest above it)." };
        var baseline = new Option<string?>("--baseline") { Description = "Compare the run's metrics with this named baseline." };
        var output = new Option<string>("--out") { Description = "Folder to write index.html and the PNG charts into.", Required = true };
        var command = new Command("report", "Write charts (structure, trades, equity) and an HTML page of a stored run.");
        foreach (var option in new Option[] { run, store, symbol, from, to, timeframes, baseline, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            if (source is null)
            {
                Console.Error.WriteLine("ict report: this build has no event store to read runs from.");
                return ExitCodes.Failure;
            }

            var fromTime = ParseTime(parse.GetValue(from), "--from");
            var toTime = ParseTime(parse.GetValue(to), "--to");
            if (fromTime is not null && toTime is not null && fromTime >= toTime)
            {
                throw new UsageException($"--from {parse.GetValue(from)} is not before --to {parse.GetValue(to)}.");
            }

            var options = new ReportOptions { Timeframes = ParseTimeframes(parse.GetValue(timeframes)) };
            var runId = parse.GetValue(run)!;
            var storeName = parse.GetValue(store);
            var loaded = source.Load(runId, storeName);
            var symbolName = parse.GetValue(symbol);
            if (symbolName is not null && !loaded.Catalog.TryGet(symbolName, out _))
            {
                throw new UsageException($"--symbol {symbolName}: not an instrument of this run's catalogue.");
            }

            var baselineName = parse.GetValue(baseline);
            var result = ReportGenerator.Generate(runId, loaded, parse.GetValue(output)!, options,
                builder =>
                {
                    builder.Symbol = symbolName;
                    builder.From = fromTime;
                    builder.To = toTime;
                },
                model =>
                {
                    if (baselineName is not null)
                    {
                        model.BaselineName = baselineName;
                        model.Comparisons.AddRange(source.CompareWithBaseline(baselineName, model, storeName));
                    }
                });
            Console.WriteLine($"Wrote {result.Charts.Count} charts and {result.IndexPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Parses <c>M5</c>, <c>H1</c>, <c>D1</c> or a number of seconds, comma-separated.</summary>
    internal static IReadOnlyList<int> ParseTimeframes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var unit = char.ToUpperInvariant(part[0]) switch { 'M' => 60, 'H' => 3600, 'D' => 86_400, _ => 0 };
            var digits = unit == 0 ? part : part[1..];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            {
                throw new UsageException($"--timeframe: '{part}' is not a timeframe (M1, M5, M15, H1, H4, D1 or seconds).");
            }

            result.Add(unit == 0 ? n : n * unit);
        }

        return result;
    }

    private static DateTime? ParseTime(string? text, string option) =>
        text is null ? null
        : Timestamp.TryParse(text, out var t) ? t.ToDateTime()
        : throw new UsageException($"{option}: '{text}' is not a UTC time (yyyy-MM-dd[ HH:mm[:ss]]).");
}
