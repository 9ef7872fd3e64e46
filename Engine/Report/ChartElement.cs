namespace IctEngine.Report;

/// <summary>One object plotted on a chart: its kind, the id of what it shows (structure, trade; 0 when none) and its text.</summary>
public sealed record ChartElement(ChartElementKind Kind, long Id, string? Label);
