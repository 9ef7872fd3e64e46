using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IctEngine.Bench.Harness;
using IctEngine.Report;

namespace IctEngine.Bench.Report;

/// <summary>
/// Times a whole report (day charts, trade charts, equity chart, page) of a synthetic multi-day EURUSD M5 run:
/// what <c>ict report</c> costs per chart. <c>--quick</c> renders 2 days, otherwise 20; <c>--out DIR</c> keeps the report.
/// </summary>
public sealed class ReportHarness : IHarness
{
    public string Name => "report";

    public string Description => "Render a synthetic multi-day report (charts + page) and time it per chart.";

    public int Run(string[] args)
    {
        var options = HarnessArgs.Parse(args);
        var days = options.Quick ? 2 : 20;
        var runs = options.Quick ? 1 : options.Runs;
        var model = SyntheticRun(days);
        var times = new List<double>();
        var charts = 0;
        for (var run = 0; run < runs; run++)
        {
            // "--out DIR" keeps the last report for a look; otherwise it goes to a temporary folder.
            var keep = options.Value("--out");
            var dir = keep ?? Directory.CreateTempSubdirectory("ict-report-bench-").FullName;
            try
            {
                var watch = Stopwatch.StartNew();
                charts = ReportGenerator.Generate(model, dir, new ReportOptions()).Charts.Count;
                times.Add(watch.Elapsed.TotalSeconds);
            }
            finally
            {
                if (keep is null)
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine("| days | bars | trades | charts | median s | ms per chart |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {days} | {model.Symbols[0].Bars.Count} | {model.Symbols[0].Trades.Count} | {charts} | {median:0.00} | {median * 1000 / charts:0} |"));
        if (options.JsonPath is { } json)
        {
            File.WriteAllText(json, JsonSerializer.Serialize(new
            {
                harness = Name, days, bars = model.Symbols[0].Bars.Count, charts, runs = times, medianSeconds = median,
                msPerChart = median * 1000 / charts,
            }));
        }

        return 0;
    }

    /// <summary>A deterministic random walk with a zone, a break, a level and two trades per day.</summary>
    private static ReportModel SyntheticRun(int days)
    {
        var model = new ReportModel { RunId = "bench" };
        var symbol = new SymbolReport { Symbol = "EURUSD", Digits = 5 };
        model.Symbols.Add(symbol);
        var start = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var price = 1.08500m;
        var seed = 12345UL;
        var balance = 100_000m;
        model.Equity.Add(new EquityPoint(start, balance, balance, balance - 5_000, 90_000));
        for (var d = 0; d < days; d++)
        {
            var day = start.AddDays(d);
            for (var i = 0; i < 288; i++)
            {
                seed = (seed * 6364136223846793005UL) + 1442695040888963407UL;
                var step = ((int)(seed >> 59) - 16) * 0.00002m;
                var open = price;
                price += step;
                symbol.Bars.Add(new ReportBar(day.AddMinutes(5 * i), 300, open, Math.Max(open, price) + 0.00008m, Math.Min(open, price) - 0.00008m, price, 100));
            }

            var id = d * 10L;
            symbol.Zones.Add(new ReportZone(id + 1, ZoneKind.OrderBlock, 1, 300, price + 0.0002m, price, day.AddHours(8), day.AddHours(14), true));
            symbol.Zones.Add(new ReportZone(id + 2, ZoneKind.FairValueGap, -1, 300, price + 0.0006m, price + 0.0004m, day.AddHours(9), day.AddHours(20), false));
            symbol.Breaks.Add(new ReportStructureBreak(id + 3, StructureBreakKind.Bos, 1, 300, price, day.AddHours(7), day.AddHours(10)));
            symbol.Liquidity.Add(new ReportLiquidity(id + 4, -1, 300, price - 0.0005m, day.AddHours(2), day.AddHours(16), price - 0.0007m));
            symbol.Sessions.Add(new ReportSession("London KZ", day.AddHours(7), day.AddHours(10)));
            foreach (var (hour, pnl) in new[] { (9, 80m), (15, -20m) })
            {
                var t = day.AddHours(hour);
                symbol.Trades.Add(new ReportTrade(id + hour, "EURUSD", 1, t, price, t.AddHours(1), price + (pnl / 100_000m), 1m, price - 0.0004m,
                    price + 0.0008m, pnl, pnl / 40m, [id + 1, id + 3]));
                balance += pnl;
                model.Equity.Add(new EquityPoint(t.AddHours(1), balance, balance, balance - 5_000, 90_000));
            }
        }

        model.End = start.AddDays(days);
        return model;
    }
}
