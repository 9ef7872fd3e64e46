using IctEngine.Core;

namespace IctEngine.Report;

/// <summary>A stored run as <see cref="IReportRunSource"/> hands it over; <see cref="Decisions"/> is read once, in order.</summary>
public sealed record ReportRun(IEnumerable<Decision> Decisions, InstrumentCatalog Catalog, string? ConfigurationText);
