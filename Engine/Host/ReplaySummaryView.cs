using System.Globalization;
using IctEngine.Replay;
using Spectre.Console;

namespace IctEngine.Host;

/// <summary>Prints a <see cref="ReplaySummary"/> for people: a few small tables, the numbers a trader looks at first.</summary>
public static class ReplaySummaryView
{
    public static void Write(ReplaySummary s, IAnsiConsole console)
    {
        var inv = CultureInfo.InvariantCulture;
        console.MarkupLine($"[bold]Replay {Markup.Escape(s.RunId)}[/] — {Markup.Escape(string.Join(", ", s.Symbols))}, {Markup.Escape(s.FirstTickUtc ?? "-")} → {Markup.Escape(s.LastTickUtc ?? "-")} UTC, store {Markup.Escape(s.Store)}");

        var ticks = NewTable("Ticks", "count");
        ticks.AddRow("read", s.TicksRead.ToString("N0", inv));
        ticks.AddRow("accepted", s.TicksAccepted.ToString("N0", inv));
        ticks.AddRow("rejected", s.TicksRejected.ToString("N0", inv));
        foreach (var (reason, count) in s.RejectsByReason)
        {
            ticks.AddRow($"  {Markup.Escape(reason)}", count.ToString("N0", inv));
        }

        ticks.AddRow("bad lines skipped", s.BadLines.ToString("N0", inv));
        ticks.AddRow("feed gaps", s.FeedGaps.ToString("N0", inv));

        var structure = NewTable("Structure and signals", "count");
        structure.AddRow("bars (journaled)", s.Bars.ToString("N0", inv));
        foreach (var (kind, count) in s.StructureEvents)
        {
            if (kind != "BarClosed")
            {
                structure.AddRow(Markup.Escape(kind), count.ToString("N0", inv));
            }
        }

        structure.AddRow("signals", s.Signals.ToString("N0", inv));
        structure.AddRow("  expired / invalidated", $"{s.SignalsExpired.ToString("N0", inv)} / {s.SignalsInvalidated.ToString("N0", inv)}");

        var trading = NewTable("Risk and execution", "value");
        trading.AddRow("verdicts approved / denied", $"{s.VerdictsApproved:N0} / {s.VerdictsDenied:N0}");
        foreach (var (reason, count) in s.DenialsByReason)
        {
            trading.AddRow($"  denied: {Markup.Escape(reason)}", count.ToString("N0", inv));
        }

        trading.AddRow("orders (rejected, cancelled, expired)", $"{s.Orders:N0} ({s.OrdersRejected:N0}, {s.OrdersCancelled:N0}, {s.OrdersExpired:N0})");
        trading.AddRow("fills / fill ratio", $"{s.Fills:N0} / {s.FillRatio.ToString("P1", inv)}");
        trading.AddRow("trades / win rate", $"{s.Trades:N0} / {s.WinRate.ToString("P1", inv)}");
        trading.AddRow("net P&L", s.NetPnl.ToString("N2", inv));
        trading.AddRow("gross profit / loss / commission", $"{s.GrossProfit.ToString("N2", inv)} / {s.GrossLoss.ToString("N2", inv)} / {s.Commission.ToString("N2", inv)}");
        trading.AddRow("max drawdown", $"{s.MaxDrawdown.ToString("N2", inv)} ({s.MaxDrawdownPercent.ToString("0.###", inv)}%)");
        trading.AddRow("final balance", s.FinalBalance.ToString("N2", inv));
        trading.AddRow("slippage mean / max (points)", $"{s.MeanSlippagePoints.ToString("0.##", inv)} / {s.MaxSlippagePoints}");
        trading.AddRow("signal→fill p50 / p99 (ms, sim time)", $"{s.SignalToFillP50Ms.ToString("0.#", inv)} / {s.SignalToFillP99Ms.ToString("0.#", inv)}");

        var speed = NewTable("Speed (real clock)", "value");
        speed.AddRow("threading", Markup.Escape(s.Threading));
        speed.AddRow("elapsed", $"{s.ElapsedSeconds.ToString("0.000", inv)} s");
        speed.AddRow("throughput", $"{s.TicksPerSecond.ToString("N0", inv)} ticks/s");
        var latency = new Table().Border(TableBorder.Simple).Title("Stages (µs, sampled): from publication to stage end | stage service time");
        latency.AddColumns("stage", "samples", "p50", "p99", "p99.9", "max", "svc p50", "svc p99", "svc max");
        for (var i = 0; i < s.StageLatency.Count; i++)
        {
            var l = s.StageLatency[i];
            var v = i < s.StageService.Count ? s.StageService[i] : l;
            latency.AddRow(l.Stage, l.Samples.ToString("N0", inv), Micros(l.P50Ns), Micros(l.P99Ns), Micros(l.P999Ns), Micros(l.MaxNs),
                Micros(v.P50Ns), Micros(v.P99Ns), Micros(v.MaxNs));
        }

        console.Write(new Columns(ticks, structure));
        console.Write(new Columns(trading, speed));
        console.Write(latency);
        console.MarkupLine($"decisions {s.Decisions.ToString("N0", inv)}, decisionsHash [bold]{s.DecisionsHash}[/]");
    }

    private static string Micros(long nanos) => (nanos / 1000.0).ToString(nanos < 10_000 ? "0.00" : "N0", CultureInfo.InvariantCulture);

    private static Table NewTable(string title, string valueColumn)
    {
        var table = new Table().Border(TableBorder.Simple).Title(title);
        table.AddColumn("");
        table.AddColumn(new TableColumn(valueColumn).RightAligned());
        return table;
    }
}
