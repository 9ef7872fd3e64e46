namespace IctEngine.Report;

/// <summary>
/// Where <c>ict report</c> reads a stored run from: implemented over the event store (Journal) by the host's
/// wiring. Implementations may throw <see cref="InvalidDataException"/> or <see cref="KeyNotFoundException"/>-style
/// errors naming the store and run when either is missing.
/// </summary>
public interface IReportRunSource
{
    /// <summary>The run's decisions (in journal order), its configuration text and instrument catalogue.</summary>
    /// <param name="runId">The run id as the store lists it.</param>
    /// <param name="store">The <c>--store</c> value (path or connection string), or null for the default store.</param>
    ReportRun Load(string runId, string? store);

    /// <summary>Rows comparing the model's metrics with a named baseline (<c>--baseline NAME</c>).</summary>
    IReadOnlyList<MetricComparison> CompareWithBaseline(string baseline, ReportModel model, string? store);
}
