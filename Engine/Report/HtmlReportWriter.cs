using System.Globalization;
using System.Net;
using System.Text;

namespace IctEngine.Report;

/// <summary>
/// Writes <c>index.html</c>: one self-contained page (inline CSS, one tiny inline script, no external URLs) with the
/// run's metrics and baseline comparison, trades (linking to each trade's chart), rejects, charts and configuration.
/// Every text is HTML-encoded and the markup is well-formed XML (void elements closed), so tests can parse it.
/// Images are relative links to the PNGs beside the page.
/// </summary>
public sealed class HtmlReportWriter
{
    public const string FileName = "index.html";

    // Marks <body data-images="ok|broken:N" data-errors="N"> once the page has loaded: what the headless browser
    // check reads. Written without '<' and '&' so that the page stays well-formed XML.
    private const string ImageCheckScript =
        "var ictErrors=0;window.addEventListener('error',function(){ictErrors++;},true);" +
        "window.addEventListener('load',function(){var imgs=Array.prototype.slice.call(document.images);" +
        "var bad=imgs.filter(function(i){return !i.complete || i.naturalWidth===0;}).length;" +
        "document.body.setAttribute('data-images',bad===0?'ok':'broken:'+bad);" +
        "document.body.setAttribute('data-errors',String(ictErrors));});";

    private const string Css = """
        body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:0;color:#212121;background:#fafafa}
        header{background:#263238;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:22px}header p{margin:0;color:#cfd8dc}
        main{padding:8px 24px 40px;max-width:1700px}
        h2{border-bottom:2px solid #cfd8dc;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;background:#fff;font-size:14px;margin:8px 0}
        th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;white-space:nowrap}
        th{background:#eceff1}td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr:nth-child(even) td{background:#f7f9fa}
        td.why{white-space:normal;min-width:13em;font-size:12px}
        .pos{color:#2e7d32;font-weight:600}.neg{color:#c62828;font-weight:600}
        .ok{color:#2e7d32}.warning{color:#ef6c00;font-weight:600}.regression{color:#c62828;font-weight:700}
        figure{margin:16px 0;background:#fff;border:1px solid #e0e0e0;padding:8px}
        figure img{max-width:100%;height:auto;display:block}figcaption{font-size:13px;color:#546e7a;margin-top:4px}
        pre{background:#fff;border:1px solid #e0e0e0;padding:12px;overflow:auto;font-size:13px}
        details summary{cursor:pointer;font-weight:600;margin:6px 0}
        .muted{color:#78909c}
        """;

    /// <summary>Writes the page to <paramref name="path"/> (UTF-8, no BOM).</summary>
    public void Write(ReportModel model, IReadOnlyList<RenderedChart> charts, string path) =>
        File.WriteAllText(path, Render(model, charts), new UTF8Encoding(false));

    /// <summary>The page's markup.</summary>
    public string Render(ReportModel model, IReadOnlyList<RenderedChart> charts)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        h.Append("<title>").Append(E($"IctEngine report · run {model.RunId}")).Append("</title>\n");
        h.Append("<style>\n").Append(Css).Append("</style>\n");
        h.Append("<script>").Append(ImageCheckScript).Append("</script>\n</head>\n<body>\n");

        var symbols = string.Join(", ", model.Symbols.Select(s => s.Symbol));
        h.Append("<header><h1>").Append(E($"Run {model.RunId}")).Append("</h1><p>")
            .Append(E($"{Time(model.Start)} to {Time(model.End)} UTC · {(symbols.Length > 0 ? symbols : "no symbols")}"))
            .Append("</p></header>\n<main>\n");

        WriteMetrics(h, model);
        var equity = charts.FirstOrDefault(c => c.Kind == ChartKind.Equity);
        if (equity is not null)
        {
            h.Append("<h2 id=\"equity\">Equity and drawdown</h2>\n");
            Figure(h, equity, "Balance (step), equity, the daily-loss limit (dashed orange) and the max-loss limit (dashed red); drawdown from peak below.");
        }

        WriteTrades(h, model, charts);
        WriteSignals(h, model);
        WriteRejects(h, model);
        WriteCharts(h, model, charts);
        WriteConfiguration(h, model);
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void WriteMetrics(StringBuilder h, ReportModel model)
    {
        h.Append("<h2 id=\"metrics\">Metrics</h2>\n<table>\n<tr><th>Metric</th><th>Value</th></tr>\n");
        foreach (var (name, value) in model.Metrics)
        {
            h.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"num\">").Append(E(value)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
        if (model.Comparisons.Count == 0)
        {
            return;
        }

        h.Append("<h3>").Append(E($"Compared with baseline {model.BaselineName ?? "(unnamed)"}")).Append("</h3>\n<table>\n")
            .Append("<tr><th>Metric</th><th>Baseline</th><th>Current</th><th>Change</th><th>Status</th></tr>\n");
        foreach (var c in model.Comparisons)
        {
            var status = c.Status.ToString().ToLowerInvariant();
            h.Append("<tr><td>").Append(E(c.Metric)).Append("</td><td class=\"num\">").Append(E(c.Baseline))
                .Append("</td><td class=\"num\">").Append(E(c.Current)).Append("</td><td class=\"num\">").Append(E(c.Change))
                .Append("</td><td class=\"").Append(status).Append("\">").Append(E(status)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void WriteTrades(StringBuilder h, ReportModel model, IReadOnlyList<RenderedChart> charts)
    {
        var tradeCharts = charts.Where(c => c.Kind == ChartKind.Trade && c.TradeId is not null).ToDictionary(c => (c.Symbol, c.TradeId!.Value));
        var trades = model.AllTrades().ToList();
        h.Append("<h2 id=\"trades\">Trades</h2>\n");
        if (trades.Count == 0)
        {
            h.Append("<p class=\"muted\">No trades in this run.</p>\n");
            return;
        }

        h.Append("<table>\n<tr><th>#</th><th>Symbol</th><th>Side</th><th>Entry time</th><th>Entry</th><th>Exit time</th><th>Exit</th>")
            .Append("<th>Lots</th><th>Stop</th><th>Target</th><th>P&amp;L</th><th>R</th><th>Closed by</th><th>Why (signal structures)</th><th>Chart</th></tr>\n");
        foreach (var t in trades)
        {
            var digits = model.Symbols.First(s => s.Symbol == t.Symbol).Digits;
            var pnlClass = t.Pnl > 0 ? "num pos" : t.Pnl < 0 ? "num neg" : "num";
            h.Append("<tr id=\"trade-").Append(t.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><td class=\"num\">").Append(t.Id.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(E(t.Symbol)).Append("</td><td>").Append(t.Side > 0 ? "long" : "short")
                .Append("</td><td>").Append(E(Time(t.EntryTime))).Append("</td><td class=\"num\">").Append(Price(t.EntryPrice, digits))
                .Append("</td><td>").Append(t.ExitTime is { } x ? E(Time(x)) : "open")
                .Append("</td><td class=\"num\">").Append(t.ExitPrice is { } xp ? Price(xp, digits) : "")
                .Append("</td><td class=\"num\">").Append(t.Lots.ToString("0.00", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"num\">").Append(t.Stop is { } sl ? Price(sl, digits) : "")
                .Append("</td><td class=\"num\">").Append(t.Target is { } tp ? Price(tp, digits) : "")
                .Append("</td><td class=\"").Append(pnlClass).Append("\">").Append(t.Pnl.ToString("0.00", CultureInfo.InvariantCulture))
                .Append("</td><td class=\"num\">").Append(t.RMultiple is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "")
                .Append("</td><td>").Append(E(t.ExitReason ?? ""))
                .Append("</td><td class=\"why\">").Append(t.Justification.Count > 0
                    ? string.Concat(t.Justification.Select(j => "<div>" + E(j) + "</div>"))
                    : E(string.Join(", ", t.StructureIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))))
                .Append("</td><td>");
            if (tradeCharts.TryGetValue((t.Symbol, t.Id), out var chart))
            {
                h.Append("<a href=\"").Append(E(chart.FileName)).Append("\">chart</a>");
            }

            h.Append("</td></tr>\n");
        }

        h.Append("</table>\n");
        var withCharts = trades.Where(t => tradeCharts.ContainsKey((t.Symbol, t.Id))).ToList();
        if (withCharts.Count < trades.Count)
        {
            h.Append("<p class=\"muted\">").Append(E($"{trades.Count - withCharts.Count} trades have no chart (chart cap or no bars).")).Append("</p>\n");
        }

        foreach (var t in withCharts)
        {
            var chart = tradeCharts[(t.Symbol, t.Id)];
            h.Append("<details><summary>").Append(E($"Trade #{t.Id} · {t.Symbol} {(t.Side > 0 ? "long" : "short")} · {t.Pnl.ToString("0.00", CultureInfo.InvariantCulture)}"))
                .Append("</summary>\n");
            Figure(h, chart, chart.Title);
            h.Append("</details>\n");
        }
    }

    private static void WriteSignals(StringBuilder h, ReportModel model)
    {
        var signals = model.Symbols.SelectMany(s => s.Signals.Select(x => (s.Symbol, s.Digits, Signal: x))).OrderBy(x => x.Signal.Time).ToList();
        if (signals.Count == 0)
        {
            return;
        }

        h.Append("<h2 id=\"signals\">Signals</h2>\n<table>\n<tr><th>Time</th><th>Symbol</th><th>Side</th><th>Entry</th><th>Stop</th><th>Target</th><th>Outcome</th></tr>\n");
        foreach (var (symbol, digits, x) in signals)
        {
            h.Append("<tr><td>").Append(E(Time(x.Time))).Append("</td><td>").Append(E(symbol)).Append("</td><td>").Append(x.Side > 0 ? "long" : "short")
                .Append("</td><td class=\"num\">").Append(Price(x.Entry, digits)).Append("</td><td class=\"num\">").Append(Price(x.Stop, digits))
                .Append("</td><td class=\"num\">").Append(Price(x.Target, digits)).Append("</td><td>").Append(E(x.Outcome)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void WriteRejects(StringBuilder h, ReportModel model)
    {
        h.Append("<h2 id=\"rejects\">Rejects by reason</h2>\n");
        if (model.RejectsByReason.Count == 0)
        {
            h.Append("<p class=\"muted\">Nothing was rejected.</p>\n");
            return;
        }

        h.Append("<table>\n<tr><th>Reason</th><th>Count</th></tr>\n");
        foreach (var (reason, count) in model.RejectsByReason)
        {
            h.Append("<tr><td>").Append(E(reason)).Append("</td><td class=\"num\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        h.Append("</table>\n");
    }

    private static void WriteCharts(StringBuilder h, ReportModel model, IReadOnlyList<RenderedChart> charts)
    {
        h.Append("<h2 id=\"charts\">Charts</h2>\n");
        var windows = charts.Where(c => c.Kind == ChartKind.Window).ToList();
        if (windows.Count == 0)
        {
            h.Append("<p class=\"muted\">No bars to chart.</p>\n");
        }

        foreach (var symbol in model.Symbols)
        {
            var mine = windows.Where(c => c.Symbol == symbol.Symbol).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            h.Append("<h3>").Append(E(symbol.Symbol)).Append("</h3>\n");
            foreach (var chart in mine)
            {
                Figure(h, chart, chart.Title);
            }
        }
    }

    private static void WriteConfiguration(StringBuilder h, ReportModel model)
    {
        h.Append("<h2 id=\"configuration\">Configuration</h2>\n");
        if (model.Configuration.Count == 0 && string.IsNullOrWhiteSpace(model.ConfigurationText))
        {
            h.Append("<p class=\"muted\">The run recorded no configuration.</p>\n");
            return;
        }

        if (model.Configuration.Count > 0)
        {
            h.Append("<table>\n<tr><th>Setting</th><th>Value</th></tr>\n");
            foreach (var (key, value) in model.Configuration)
            {
                h.Append("<tr><td>").Append(E(key)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        if (!string.IsNullOrWhiteSpace(model.ConfigurationText))
        {
            h.Append("<pre>").Append(E(model.ConfigurationText)).Append("</pre>\n");
        }
    }

    private static void Figure(StringBuilder h, RenderedChart chart, string caption)
    {
        h.Append("<figure><img src=\"").Append(E(chart.FileName)).Append("\" width=\"").Append(chart.Width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(chart.Height.ToString(CultureInfo.InvariantCulture)).Append("\" alt=\"").Append(E(chart.Title))
            .Append("\" /><figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");
    }

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Price(decimal p, int digits) => p.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
