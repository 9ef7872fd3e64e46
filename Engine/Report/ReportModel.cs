namespace IctEngine.Report;

/// <summary>
/// Everything a report shows about one run, as plain in-memory data: filled by <see cref="ReportModelBuilder"/> from
/// the journaled decisions (or by hand in tests), then drawn by <see cref="ChartRenderer"/> and
/// <see cref="HtmlReportWriter"/>. Times are UTC <see cref="DateTime"/>s, prices and money exact decimals.
/// </summary>
public sealed class ReportModel
{
    public required string RunId { get; init; }

    /// <summary>The run's configuration as key/value pairs, in the order to show them.</summary>
    public List<KeyValuePair<string, string>> Configuration { get; } = [];

    /// <summary>The run's configuration as text (e.g. JSON), shown verbatim when present.</summary>
    public string? ConfigurationText { get; set; }

    /// <summary>Per symbol: bars, structure, sessions and that symbol's trades.</summary>
    public List<SymbolReport> Symbols { get; } = [];

    /// <summary>Balance and equity over time, with the prop-firm limit levels in force at each point.</summary>
    public List<EquityPoint> Equity { get; } = [];

    /// <summary>Name → formatted value, in the order to show them.</summary>
    public List<KeyValuePair<string, string>> Metrics { get; } = [];

    /// <summary>The baseline the metrics are compared with (<c>--baseline NAME</c>), or null for none.</summary>
    public string? BaselineName { get; set; }

    public List<MetricComparison> Comparisons { get; } = [];

    /// <summary>Reason (e.g. <c>tick: Spike</c>, <c>risk: 3</c>) → count, across every stage.</summary>
    public SortedDictionary<string, long> RejectsByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>First and last decision time of the run (the end closes zones that were never mitigated).</summary>
    public DateTime Start { get; set; }

    public DateTime End { get; set; }

    /// <summary>Every trade of every symbol, in entry order.</summary>
    public IEnumerable<ReportTrade> AllTrades() =>
        Symbols.SelectMany(s => s.Trades).OrderBy(t => t.EntryTime).ThenBy(t => t.Id);
}
