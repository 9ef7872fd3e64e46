namespace IctEngine.Report;

/// <summary>
/// A PNG the renderer wrote: its file name (relative to the output folder), what it covers and what is on it.
/// <see cref="Symbol"/> and <see cref="Timeframe"/> are null/0 for the equity chart; <see cref="TradeId"/> is set for trade charts.
/// </summary>
public sealed record RenderedChart(
    string FileName,
    ChartKind Kind,
    string Title,
    string? Symbol,
    int Timeframe,
    DateTime From,
    DateTime To,
    long? TradeId,
    int Width,
    int Height,
    ChartContents Contents);
