using IctEngine.Replay;
using IctEngine.Core;
using IctEngine.Report;

namespace IctEngine.Tests.Support;

/// <summary>An <see cref="IReportRunSource"/> over fixed decisions; records what it was asked.</summary>
internal sealed class StubReportRunSource(IReadOnlyList<Decision> decisions, InstrumentCatalog catalog) : IReportRunSource
{
    public List<string> Calls { get; } = [];

    public ReportRun Load(string runId, string? store)
    {
        Calls.Add($"load {runId} {store}");
        return new ReportRun(decisions, catalog, "{\"source\":\"stub\"}");
    }

    public IReadOnlyList<MetricComparison> CompareWithBaseline(string baseline, ReportModel model, string? store)
    {
        Calls.Add($"baseline {baseline} {store}");
        return [new MetricComparison("Net P&L", "10.00", "60.00", "+500.0 %", ComparisonStatus.Ok)];
    }
}
