using System.CommandLine;
using System.Globalization;
using IctEngine.Replay;
using Spectre.Console;

namespace IctEngine.Host.Commands;

/// <summary>The <c>ict baseline</c> verb: save a run's metrics under a name, compare a run against it.</summary>
public static class BaselineCommand
{
    public static Command Create()
    {
        var command = new Command("baseline", "Save a run's metrics as a named baseline in the event store, and compare runs against it.");
        command.Subcommands.Add(CreateSave());
        command.Subcommands.Add(CreateCompare());
        return command;
    }

    private static Command CreateSave()
    {
        var run = new Option<string>("--run") { Description = "The run whose metrics become the baseline.", Required = true };
        var name = new Option<string>("--name") { Description = "The baseline's name.", Required = true };
        var store = StoreOptions.Create();
        var save = new Command("save", "Store a run's metrics (from its journaled events) as the baseline NAME.");
        save.Options.Add(run);
        save.Options.Add(name);
        save.Options.Add(store);
        save.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            using var eventStore = StoreOptions.Open(parse.GetValue(store)!);
            var baseline = RunBaseline.FromStore(eventStore, parse.GetValue(run)!);
            BaselineStore.Save(eventStore, parse.GetValue(name)!, baseline, Core.SystemClock.Instance.UtcNowNanos);
            Console.WriteLine($"baseline '{parse.GetValue(name)}' saved from run {baseline.RunId} ({baseline.Metrics.Count} metrics).");
            return ExitCodes.Success;
        });
        return save;
    }

    private static Command CreateCompare()
    {
        var run = new Option<string>("--run") { Description = "The run to judge.", Required = true };
        var against = new Option<string>("--against") { Description = "The baseline's name.", Required = true };
        var tolerance = new Option<decimal>("--tolerance")
        {
            Description = "Relative worsening of P&L, win rate or drawdown that is still not a regression (0.05 = 5%).",
            DefaultValueFactory = _ => 0m,
        };
        var perfTolerance = new Option<decimal>("--perf-tolerance")
        {
            Description = "Relative worsening of throughput or latency that is still not a regression.",
            DefaultValueFactory = _ => 0.25m,
        };
        var store = StoreOptions.Create();
        var compare = new Command("compare", "Compare a run with a baseline; exits 1 when a metric regressed.");
        foreach (var option in new Option[] { run, against, tolerance, perfTolerance, store })
        {
            compare.Options.Add(option);
        }

        compare.SetAction(parse =>
        {
            GlobalOptions.ApplyLogging(parse);
            using var eventStore = StoreOptions.Open(parse.GetValue(store)!);
            var baseline = BaselineStore.Load(eventStore, parse.GetValue(against)!);
            var current = RunBaseline.FromStore(eventStore, parse.GetValue(run)!);
            var changes = new BaselineComparer
            {
                Tolerance = parse.GetValue(tolerance),
                PerformanceTolerance = parse.GetValue(perfTolerance),
            }.Compare(baseline, current);
            Write(changes, baseline.RunId, current.RunId);
            var regressions = changes.Count(c => c.Status == ComparisonStatus.Regression);
            var warnings = changes.Count(c => c.Status == ComparisonStatus.Warning);
            Console.WriteLine($"{regressions} regression(s), {warnings} warning(s) against baseline '{parse.GetValue(against)}'.");
            return regressions > 0 ? ExitCodes.Failure : ExitCodes.Success;
        });
        return compare;
    }

    private static void Write(IReadOnlyList<MetricChange> changes, string baselineRun, string currentRun)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumns("metric", $"baseline ({baselineRun})", $"run ({currentRun})", "change", "status");
        foreach (var c in changes)
        {
            var status = c.Status switch
            {
                ComparisonStatus.Regression => "[red]regression[/]",
                ComparisonStatus.Warning => "[yellow]warning[/]",
                _ => "ok",
            };
            table.AddRow(Markup.Escape(c.Name), c.Baseline?.ToString("0.######", inv) ?? "-", c.Current?.ToString("0.######", inv) ?? "-",
                c.RelativeChange is { } r ? r.ToString("+0.##%;-0.##%;0%", inv) : "-", status);
        }

        AnsiConsole.Write(table);
    }
}
