namespace IctEngine.Report;

/// <summary>
/// A description of what a chart shows, taken from the plottables that are actually on the ScottPlot plot when it is
/// saved: tests (and the page) check charts by these objects rather than by pixels.
/// </summary>
public sealed class ChartContents
{
    public ChartContents(IReadOnlyList<ChartElement> elements, int candles)
    {
        Elements = elements;
        Candles = candles;
    }

    public IReadOnlyList<ChartElement> Elements { get; }

    /// <summary>Number of candles drawn.</summary>
    public int Candles { get; }

    public int Count(ChartElementKind kind) => Elements.Count(e => e.Kind == kind);

    /// <summary>Ids of the elements of a kind, ascending and distinct.</summary>
    public IReadOnlyList<long> Ids(ChartElementKind kind) =>
        Elements.Where(e => e.Kind == kind).Select(e => e.Id).Distinct().Order().ToList();

    public IReadOnlyList<string> Labels(ChartElementKind kind) =>
        Elements.Where(e => e.Kind == kind && e.Label is not null).Select(e => e.Label!).ToList();

    /// <summary>Kind → count, for logs and failure messages.</summary>
    public override string ToString() =>
        string.Join(", ", Elements.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"))
        + $", candles={Candles}";
}
