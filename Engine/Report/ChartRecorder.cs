using ScottPlot;
using ScottPlot.Plottables;

namespace IctEngine.Report;

/// <summary>
/// Remembers what each plottable added to a chart stands for, so that <see cref="ChartContents"/> describes the
/// plottables that are really on the plot at save time (anything removed later is not reported).
/// </summary>
internal sealed class ChartRecorder
{
    private readonly List<(ChartElement Element, IPlottable Plottable)> _added = [];

    public T Add<T>(T plottable, ChartElementKind kind, long id = 0, string? label = null)
        where T : IPlottable
    {
        _added.Add((new ChartElement(kind, id, label), plottable));
        return plottable;
    }

    public ChartContents Contents(params Plot[] plots)
    {
        var onPlot = new HashSet<IPlottable>(plots.SelectMany(p => p.GetPlottables()), ReferenceEqualityComparer.Instance);
        var elements = _added.Where(a => onPlot.Contains(a.Plottable)).Select(a => a.Element).ToList();
        var candles = plots.SelectMany(p => p.GetPlottables<CandlestickPlot>()).Sum(c => c.Data.GetOHLCs().Count);
        return new ChartContents(elements, candles);
    }
}
