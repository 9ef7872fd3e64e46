using System.Globalization;
using IctEngine.Core;
using IctEngine.Replay;
using IctEngine.Report;

namespace IctEngine.Host;

/// <summary>Feeds <c>ict report</c> from the event store: a run's journaled decisions, its manifest, its baselines.</summary>
public sealed class JournalReportRunSource(InstrumentCatalog catalog) : IReportRunSource
{
    public ReportRun Load(string runId, string? store)
    {
        var eventStore = StoreOptions.Open(store ?? StoreOptions.Default);
        var run = Journal.RunCatalog.FindRun(eventStore, runId)
            ?? throw new UsageException($"--run: run '{runId}' is not in {eventStore.Description}.");

        // Materialised: the report walks the decisions after the store is closed.
        var loaded = Load(eventStore, run.ConfigurationJson, runId, catalog);
        eventStore.Dispose();
        return loaded;
    }

    /// <summary>A run of an open store (e.g. the one a replay just wrote), its decisions read into memory.</summary>
    public static ReportRun Load(Journal.IEventStore store, string? configurationJson, string runId, InstrumentCatalog catalog) =>
        new(Journal.RunCatalog.ReadDecisions(store, runId).Select(x => x.Decision).ToList(), catalog, configurationJson);

    public IReadOnlyList<MetricComparison> CompareWithBaseline(string baseline, ReportModel model, string? store)
    {
        using var eventStore = StoreOptions.Open(store ?? StoreOptions.Default);
        var saved = BaselineStore.Load(eventStore, baseline);
        var current = RunBaseline.FromStore(eventStore, model.RunId);
        var inv = CultureInfo.InvariantCulture;
        var rows = new List<MetricComparison>();
        foreach (var c in new BaselineComparer().Compare(saved, current))
        {
            rows.Add(new MetricComparison(c.Name, c.Baseline?.ToString("0.######", inv) ?? "-", c.Current?.ToString("0.######", inv) ?? "-",
                c.RelativeChange is { } r ? r.ToString("+0.##%;-0.##%;0%", inv) : "-", c.Status));
        }

        return rows;
    }
}
