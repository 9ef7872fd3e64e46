using IctEngine.Core;
using Serilog;

namespace IctEngine.Report;

/// <summary>
/// Writes a run's report into a folder: the PNG charts (<see cref="ChartRenderer"/>) and <c>index.html</c>
/// (<see cref="HtmlReportWriter"/>) that links them. What <c>ict report</c> and <c>ict replay --report</c> call.
/// </summary>
public static class ReportGenerator
{
    private static readonly ILogger Log = Serilog.Log.ForContext(typeof(ReportGenerator));

    public static ReportOutput Generate(ReportModel model, string outDir, ReportOptions options)
    {
        var dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        var charts = new ChartRenderer(options).RenderAll(model, dir);
        var index = Path.Combine(dir, HtmlReportWriter.FileName);
        new HtmlReportWriter().Write(model, charts, index);
        var files = charts.Select(c => Path.Combine(dir, c.FileName)).Append(index).ToList();
        Log.Information("Report of run {RunId}: {Charts} charts and {Index}", model.RunId, charts.Count, index);
        return new ReportOutput(index, charts, files);
    }

    /// <summary>
    /// Builds the model from a run's decisions (in journal order) and writes the report. <paramref name="configure"/>
    /// sets filters, configuration and limits on the builder; <paramref name="complete"/> adds what the decisions do
    /// not hold (e.g. baseline comparison rows) to the model before it is drawn.
    /// </summary>
    public static ReportOutput Generate(
        string runId,
        IEnumerable<Decision> decisions,
        InstrumentCatalog catalog,
        string outDir,
        ReportOptions options,
        Action<ReportModelBuilder>? configure = null,
        Action<ReportModel>? complete = null)
    {
        var builder = new ReportModelBuilder(catalog, runId);
        configure?.Invoke(builder);
        builder.AddRange(decisions);
        var model = builder.Build();
        complete?.Invoke(model);
        return Generate(model, outDir, options);
    }

    /// <summary>
    /// The report of a stored run (what <c>ict report</c> and <c>ict replay --report</c> both call): its configuration
    /// is shown on the page and, when it is a replay manifest, its settings give the account, limits and sessions.
    /// </summary>
    public static ReportOutput Generate(
        string runId,
        ReportRun run,
        string outDir,
        ReportOptions options,
        Action<ReportModelBuilder>? configure = null,
        Action<ReportModel>? complete = null) =>
        Generate(runId, run.Decisions, run.Catalog, outDir, options,
            builder =>
            {
                builder.ConfigurationText = run.ConfigurationText;
                if (run.Settings is { } settings)
                {
                    builder.Apply(settings);
                }

                configure?.Invoke(builder);
            },
            complete);
}
