namespace IctEngine.Report;

/// <summary>What <see cref="ReportGenerator"/> wrote: the page, every chart, and every file path (absolute).</summary>
public sealed record ReportOutput(string IndexPath, IReadOnlyList<RenderedChart> Charts, IReadOnlyList<string> Files);
