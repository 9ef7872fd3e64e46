using System.Globalization;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace IctEngine.Report;

/// <summary>
/// Draws a <see cref="ReportModel"/> as PNG charts with ScottPlot: candlesticks per symbol and timeframe split into
/// calendar windows, one chart per trade, and the equity/drawdown chart. Every chart comes back with a
/// <see cref="ChartContents"/> taken from the plot itself, so tests check the objects drawn rather than pixels.
/// Output is deterministic for a given model and options. Not thread-safe (one renderer per thread).
/// </summary>
public sealed class ChartRenderer
{
    private static readonly Serilog.ILogger Log = Serilog.Log.ForContext<ChartRenderer>();

    private readonly ReportOptions _options;

    public ChartRenderer(ReportOptions options)
    {
        _options = options;
    }

    /// <summary>Every chart of the model: windows per symbol and timeframe, one per trade, then the equity chart.</summary>
    public IReadOnlyList<RenderedChart> RenderAll(ReportModel model, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var charts = new List<RenderedChart>();
        foreach (var symbol in model.Symbols)
        {
            var timeframes = Timeframes(symbol);
            foreach (var tf in timeframes)
            {
                var windows = Windows(symbol, tf);
                if (windows.Count > _options.MaxWindowCharts)
                {
                    Log.Warning("{Symbol} {Timeframe}: charting the first {Charted} of {Windows} windows (MaxWindowCharts)",
                        symbol.Symbol, TimeframeName(tf), _options.MaxWindowCharts, windows.Count);
                }

                foreach (var (from, to) in windows.Take(_options.MaxWindowCharts))
                {
                    var title = $"{symbol.Symbol} {TimeframeName(tf)} · {from:yyyy-MM-dd}" + (to - from > TimeSpan.FromDays(1) ? $" to {to.AddTicks(-1):yyyy-MM-dd}" : "");
                    var file = $"{FileSafe(symbol.Symbol)}-{TimeframeName(tf)}-{from:yyyyMMdd}.png";
                    charts.Add(RenderWindow(symbol, tf, from, to, Path.Combine(outDir, file), title));
                }
            }

            if (timeframes.Count == 0)
            {
                continue;
            }

            foreach (var trade in symbol.Trades.Take(_options.MaxTradeCharts))
            {
                charts.Add(RenderTrade(symbol, timeframes[0], trade, Path.Combine(outDir, TradeFileName(trade))));
            }
        }

        if (RenderEquity(model, Path.Combine(outDir, EquityFileName)) is { } equity)
        {
            charts.Add(equity);
        }

        return charts;
    }

    /// <summary>File name of the equity chart.</summary>
    public const string EquityFileName = "equity.png";

    /// <summary>File name of a trade's chart (what the trades table links to).</summary>
    public static string TradeFileName(ReportTrade trade) => $"trade-{trade.Id.ToString(CultureInfo.InvariantCulture)}.png";

    /// <summary>The timeframes to chart for a symbol (see <see cref="ReportOptions.Timeframes"/>).</summary>
    public IReadOnlyList<int> Timeframes(SymbolReport symbol)
    {
        var present = symbol.Timeframes();
        if (_options.Timeframes.Count > 0)
        {
            return present.Where(_options.Timeframes.Contains).ToList();
        }

        var readable = present.Where(tf => tf >= 300).ToList();
        return present.Count == 0 ? [] : [readable.Count > 0 ? readable[0] : present[0]];
    }

    /// <summary>
    /// Calendar windows [from, to) holding bars of the timeframe: whole UTC days, as many as give about
    /// <see cref="ReportOptions.CandlesPerWindow"/> candles (one day for M5/M15, five for H1).
    /// </summary>
    public IReadOnlyList<(DateTime From, DateTime To)> Windows(SymbolReport symbol, int timeframe)
    {
        var days = Math.Max(1, (int)Math.Ceiling(timeframe * (double)_options.CandlesPerWindow / 86_400));
        var windows = new List<(DateTime, DateTime)>();
        foreach (var bar in symbol.Bars.Where(b => b.Timeframe == timeframe).OrderBy(b => b.Time))
        {
            var dayIndex = (long)(bar.Time.Date - DateTime.UnixEpoch).TotalDays;
            var from = DateTime.UnixEpoch.AddDays(dayIndex - (dayIndex % days));
            if (windows.Count == 0 || windows[^1].Item1 != from)
            {
                windows.Add((from, from.AddDays(days)));
            }
        }

        return windows;
    }

    public RenderedChart RenderTrade(SymbolReport symbol, int timeframe, ReportTrade trade, string path)
    {
        var span = TimeSpan.FromSeconds(timeframe);
        var from = trade.EntryTime - (span * _options.TradeBarsBefore);
        var to = (trade.ExitTime ?? trade.EntryTime) + (span * _options.TradeBarsAfter);
        var side = trade.Side > 0 ? "long" : "short";
        var title = $"{symbol.Symbol} {TimeframeName(timeframe)} · trade #{trade.Id} {side} · {trade.EntryTime:yyyy-MM-dd HH:mm}";
        return Render(symbol, timeframe, from, to, path, title, ChartKind.Trade, trade);
    }

    public RenderedChart RenderWindow(SymbolReport symbol, int timeframe, DateTime from, DateTime to, string path, string title) =>
        Render(symbol, timeframe, from, to, path, title, ChartKind.Window, null);

    private RenderedChart Render(
        SymbolReport symbol, int timeframe, DateTime from, DateTime to, string path, string title, ChartKind kind, ReportTrade? focus)
    {
        var span = TimeSpan.FromSeconds(timeframe);
        var bars = symbol.Bars.Where(b => b.Timeframe == timeframe && b.Time >= from && b.Time < to).OrderBy(b => b.Time).ToList();
        var left = bars.Count > 0 ? bars[0].Time : from;
        var right = bars.Count > 0 ? bars[^1].Time + span : to;
        var (low, high) = PriceRange(bars, focus);
        var plot = NewPlot(title);
        var rec = new ChartRecorder();
        var frame = new Frame(left, right, low, high);

        foreach (var session in symbol.Sessions.Where(s => s.End > left && s.Start < right))
        {
            DrawSession(plot, rec, frame, session);
        }

        var pip = symbol.Digits is 3 or 5 ? 10m / Core.Price.PowerOfTen(symbol.Digits) : 1m / Core.Price.PowerOfTen(symbol.Digits);
        var cited = focus?.StructureIds ?? [];
        foreach (var zone in symbol.Zones.Where(z => Matches(z.Timeframe, timeframe) && z.End > left && z.Start < right && frame.ShowsPrices(z.Bottom, z.Top)))
        {
            var isCited = cited.Contains(zone.Id);
            if (isCited || zone.Kind == ZoneKind.OrderBlock || zone.Top - zone.Bottom >= _options.MinZonePips * pip)
            {
                DrawZone(plot, rec, frame, zone, isCited);
            }
        }

        foreach (var level in symbol.Liquidity.Where(l => Matches(l.Timeframe, timeframe) && (l.SweptAt ?? right) >= left && l.Start < right && frame.ShowsPrices(l.Level, l.Level)))
        {
            DrawLiquidity(plot, rec, frame, level);
        }

        if (bars.Count > 0)
        {
            var ohlcs = bars.Select(b => new OHLC((double)b.Open, (double)b.High, (double)b.Low, (double)b.Close, b.Time + (span / 2), span)).ToList();
            var candles = rec.Add(plot.Add.Candlestick(ohlcs), ChartElementKind.Candles);
            candles.RisingColor = ChartPalette.Up;
            candles.FallingColor = ChartPalette.Down;
        }

        foreach (var brk in symbol.Breaks.Where(b => Matches(b.Timeframe, timeframe) && b.To >= left && b.From < right && frame.ShowsPrices(b.Level, b.Level)))
        {
            DrawBreak(plot, rec, frame, brk, cited.Contains(brk.Id));
        }

        if (focus is not null)
        {
            var (x1, x2) = frame.ClipX(focus.EntryTime, focus.ExitTime ?? right);
            var band = rec.Add(plot.Add.HorizontalSpan(x1, x2, Colors.Black.WithAlpha(0.04)), ChartElementKind.FocusBand, focus.Id, null);
            band.LineWidth = 0;
            plot.MoveToBack(band);
        }

        foreach (var signal in symbol.Signals.Where(x => !x.Traded && Matches(x.Timeframe, timeframe) && x.Time >= left && x.Time < right && frame.ShowsPrices(x.Entry, x.Entry)))
        {
            DrawSignal(plot, rec, frame, signal, span * 12);
        }

        foreach (var trade in symbol.Trades.Where(t => t.EntryTime < right && (t.ExitTime ?? right) >= left))
        {
            // On a trade's own chart the other trades stay visible but step back.
            DrawTrade(plot, rec, frame, trade, symbol.Digits, focus is null || focus.Id == trade.Id ? 1.0 : 0.35, span * 8);
        }

        // Labels last, so candles never hide them.
        foreach (var text in plot.GetPlottables<Text>().ToList())
        {
            plot.MoveToFront(text);
        }

        var pad = (right - left).TotalDays * 0.02;
        TimeAxis(plot, right - left);
        plot.Axes.SetLimits(left.ToOADate() - pad, right.ToOADate() + pad, (double)low, (double)high);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("F" + symbol.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        };
        AddLegend(plot);
        plot.Font.Set(SansFont);
        plot.SavePng(path, _options.ChartWidth, _options.ChartHeight);
        return new RenderedChart(Path.GetFileName(path), kind, title, symbol.Symbol, timeframe, left, right, focus?.Id,
            _options.ChartWidth, _options.ChartHeight, rec.Contents(plot));
    }

    /// <summary>The equity and drawdown chart, or null when the model has no equity curve.</summary>
    public RenderedChart? RenderEquity(ReportModel model, string path)
    {
        if (model.Equity.Count == 0)
        {
            return null;
        }

        var points = model.Equity.OrderBy(p => p.Time).ToList();
        if (model.End > points[^1].Time)
        {
            // Hold the last values to the end of the run so the curve covers the whole run.
            points.Add(points[^1] with { Time = model.End });
        }

        var xs = points.Select(p => p.Time.ToOADate()).ToArray();
        var rec = new ChartRecorder();
        var top = NewPlot($"Run {model.RunId} · balance and equity");
        var bottom = NewPlot("Drawdown from peak equity");

        var balance = rec.Add(top.Add.ScatterLine(xs, points.Select(p => (double)p.Balance).ToArray(), ChartPalette.Balance), ChartElementKind.Balance, 0, "Balance");
        balance.ConnectStyle = ConnectStyle.StepHorizontal;
        balance.LineWidth = 5; // wide and under equity: where the two agree (no open position) both stay visible
        balance.Color = ChartPalette.Balance.WithAlpha(0.45);
        balance.LegendText = "Balance";
        var equity = rec.Add(top.Add.ScatterLine(xs, points.Select(p => (double)p.Equity).ToArray(), ChartPalette.Equity), ChartElementKind.Equity, 0, "Equity");
        equity.LineWidth = 2;
        equity.LegendText = "Equity";
        equity.ConnectStyle = ConnectStyle.StepHorizontal;
        AddLimit(top, rec, points, xs, p => p.DailyLossLevel, ChartElementKind.DailyLossLimit, "Daily-loss limit", ChartPalette.DailyLimit);
        AddLimit(top, rec, points, xs, p => p.MaxLossLevel, ChartElementKind.MaxLossLimit, "Max-loss limit", ChartPalette.MaxLimit);

        var peak = decimal.MinValue;
        var drawdown = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            peak = Math.Max(peak, points[i].Equity);
            drawdown[i] = (double)(points[i].Equity - peak);
        }

        var dd = rec.Add(bottom.Add.ScatterLine(xs, drawdown, ChartPalette.Down), ChartElementKind.Drawdown, 0, "Drawdown");
        dd.ConnectStyle = ConnectStyle.StepHorizontal;
        dd.FillY = true;
        dd.FillYValue = 0;
        dd.FillYColor = ChartPalette.Down.WithAlpha(0.25);
        dd.LineWidth = 2;

        var values = points.SelectMany(p => new[] { p.Balance, p.Equity, p.DailyLossLevel ?? p.Equity, p.MaxLossLevel ?? p.Equity }).ToList();
        var (lo, hi) = (values.Min(), values.Max());
        var margin = Math.Max((hi - lo) * 0.08m, 1m);
        var (x0, x1) = (xs[0], Math.Max(xs[^1], xs[0] + (1.0 / 24)));
        foreach (var plot in new[] { top, bottom })
        {
            TimeAxis(plot, points[^1].Time - points[0].Time);
            plot.Axes.SetLimitsX(x0, x1);
        }

        top.Axes.SetLimitsY((double)(lo - margin), (double)(hi + margin));
        var ddLow = drawdown.Min();
        bottom.Axes.SetLimitsY(Math.Min(ddLow * 1.15, -1), Math.Max(-ddLow * 0.05, 1));
        top.ShowLegend(Alignment.UpperLeft);
        var lastX = xs[^1];
        foreach (var (level, color) in new[]
                 {
                     (points[^1].DailyLossLevel, ChartPalette.DailyLimit),
                     (points[^1].MaxLossLevel, ChartPalette.MaxLimit),
                     ((decimal?)points[^1].Equity, ChartPalette.Equity),
                 })
        {
            if (level is { } value)
            {
                var text = value.ToString("#,0.00", CultureInfo.InvariantCulture);
                var label = rec.Add(top.Add.Text(text, lastX, (double)value), ChartElementKind.LevelLabel, 0, text);
                Style(label, color, Alignment.LowerRight, 12);
                label.LabelBackgroundColor = Colors.Transparent;
            }
        }

        // Same fixed margins on both panels, so their time axes line up.
        var padding = new PixelPadding(90, 30, 60, 40);
        top.Layout.Fixed(padding);
        bottom.Layout.Fixed(padding);
        top.Font.Set(SansFont);
        bottom.Font.Set(SansFont);

        var width = _options.EquityWidth;
        var height = _options.EquityHeight;
        var topHeight = (int)(height * 0.65);
        using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
        {
            surface.Canvas.Clear(SKColors.White);
            DrawPanel(surface.Canvas, top, width, topHeight, 0);
            DrawPanel(surface.Canvas, bottom, width, height - topHeight, topHeight);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            using var file = File.Create(path);
            png.SaveTo(file);
        }

        return new RenderedChart(Path.GetFileName(path), ChartKind.Equity, top.Axes.Title.Label.Text, null, 0, points[0].Time, points[^1].Time,
            null, width, height, rec.Contents(top, bottom));
    }

    // A plot clears the whole canvas it renders on, so each panel is rendered on its own surface and then placed.
    private static void DrawPanel(SKCanvas canvas, Plot plot, int width, int height, int y)
    {
        using var panel = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(panel);
        using var image = panel.Snapshot();
        canvas.DrawImage(image, 0, y);
    }

    /// <summary><c>M5</c>, <c>H1</c>, <c>D1</c>, or seconds with an <c>s</c>.</summary>
    public static string TimeframeName(int seconds) => seconds switch
    {
        >= 86_400 when seconds % 86_400 == 0 => "D" + (seconds / 86_400).ToString(CultureInfo.InvariantCulture),
        >= 3_600 when seconds % 3_600 == 0 => "H" + (seconds / 3_600).ToString(CultureInfo.InvariantCulture),
        >= 60 when seconds % 60 == 0 => "M" + (seconds / 60).ToString(CultureInfo.InvariantCulture),
        _ => seconds.ToString(CultureInfo.InvariantCulture) + "s",
    };

    private static bool Matches(int structureTimeframe, int chartTimeframe) => structureTimeframe == 0 || structureTimeframe == chartTimeframe;

    private static void AddLimit(Plot plot, ChartRecorder rec, List<EquityPoint> points, double[] xs, Func<EquityPoint, decimal?> level,
        ChartElementKind kind, string label, Color color)
    {
        var at = Enumerable.Range(0, points.Count).Where(i => level(points[i]) is not null).ToList();
        if (at.Count == 0)
        {
            return;
        }

        var line = rec.Add(plot.Add.ScatterLine(at.Select(i => xs[i]).ToArray(), at.Select(i => (double)level(points[i])!.Value).ToArray(), color), kind, 0, label);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        line.LegendText = label;
    }

    private static (decimal Low, decimal High) PriceRange(List<ReportBar> bars, ReportTrade? focus)
    {
        var prices = bars.SelectMany(b => new[] { b.Low, b.High }).ToList();
        if (focus is not null)
        {
            prices.Add(focus.EntryPrice);
            prices.AddRange(new[] { focus.ExitPrice, focus.Stop, focus.Target }.Where(p => p is not null).Select(p => p!.Value));
        }

        if (prices.Count == 0)
        {
            return (0, 1);
        }

        var (lo, hi) = (prices.Min(), prices.Max());
        var pad = hi > lo ? (hi - lo) * 0.08m : Math.Max(Math.Abs(hi) * 0.001m, 0.0001m);
        return (lo - pad, hi + pad);
    }

    private static readonly string SansFont = SKFontManager.Default.MatchFamily("DejaVu Sans") is not null ? "DejaVu Sans" : Fonts.Sans;

    /// <summary>UTC time labels without the US date format: times within a day, dates plus times across days.</summary>
    private static void TimeAxis(Plot plot, TimeSpan range)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        var format = range <= TimeSpan.FromDays(1.01) ? "HH:mm" : range <= TimeSpan.FromDays(20) ? "MM-dd HH:mm" : "yyyy-MM-dd";
        axis.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic
        {
            LabelFormatter = t => t.ToString(format, CultureInfo.InvariantCulture),
        };
        plot.Axes.Bottom.Label.Text = "UTC";
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, 16);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.07);
        return plot;
    }

    private static void AddLegend(Plot plot)
    {
        plot.Legend.ManualItems.AddRange(
        [
            Swatch("Bullish OB", ChartPalette.BullishZone),
            Swatch("Bearish OB", ChartPalette.BearishZone),
            Swatch("Bullish FVG", ChartPalette.BullishGap),
            Swatch("Bearish FVG", ChartPalette.BearishGap),
            Swatch("Breaker", ChartPalette.Breaker),
            Swatch("Killzone", ChartPalette.Session),
            new LegendItem { LabelText = "Liquidity", LineColor = ChartPalette.Liquidity, LineWidth = 2, LinePattern = LinePattern.Dotted },
            new LegendItem { LabelText = "Stop", LineColor = ChartPalette.Stop, LineWidth = 2, LinePattern = LinePattern.Dashed },
            new LegendItem { LabelText = "Target", LineColor = ChartPalette.Target, LineWidth = 2, LinePattern = LinePattern.Dashed },
        ]);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.FontSize = 12;
    }

    private static LegendItem Swatch(string text, Color color) => new() { LabelText = text, FillColor = color.WithAlpha(0.35) };

    private static void DrawSession(Plot plot, ChartRecorder rec, Frame f, ReportSession session)
    {
        var (x1, x2) = f.ClipX(session.Start, session.End);
        var band = rec.Add(plot.Add.HorizontalSpan(x1, x2, ChartPalette.Session.WithAlpha(0.18)), ChartElementKind.SessionBand, 0, session.Name);
        band.LineWidth = 0;
        var label = rec.Add(plot.Add.Text(session.Name, x1, (double)f.High), ChartElementKind.SessionLabel, 0, session.Name);
        Style(label, ChartPalette.Text, Alignment.UpperLeft, 11);
        label.LabelBackgroundColor = Colors.Transparent;
    }

    /// <summary>
    /// Zones still open at the chart's right edge are labelled; zones mitigated inside the window step back (fainter,
    /// no label), so the eye finds the live ones. A zone the focused trade cites is labelled and outlined.
    /// </summary>
    private void DrawZone(Plot plot, ChartRecorder rec, Frame f, ReportZone zone, bool cited)
    {
        var (kind, name, color) = zone.Kind switch
        {
            ZoneKind.OrderBlock => (ChartElementKind.OrderBlock, "OB", zone.Direction > 0 ? ChartPalette.BullishZone : ChartPalette.BearishZone),
            ZoneKind.FairValueGap => (ChartElementKind.FairValueGap, "FVG", zone.Direction > 0 ? ChartPalette.BullishGap : ChartPalette.BearishGap),
            _ => (ChartElementKind.BreakerBlock, "BB", ChartPalette.Breaker),
        };
        var (x1, x2) = f.ClipX(zone.Start, zone.End);
        var text = (cited ? "entry " : "") + (_options.LabelIds ? $"{name} #{zone.Id}" : name);
        var live = !zone.Mitigated || zone.End > f.Right;
        var rect = rec.Add(plot.Add.Rectangle(x1, x2, (double)zone.Bottom, (double)zone.Top), kind, zone.Id, text);
        rect.FillColor = color.WithAlpha(live || cited ? 0.22 : 0.10);
        rect.LineColor = cited ? Colors.Black.WithAlpha(0.8) : color.WithAlpha(live ? 0.7 : 0.3);
        rect.LineWidth = cited ? 2 : 1;
        if (zone.Kind == ZoneKind.BreakerBlock)
        {
            rect.LinePattern = LinePattern.Dashed;
        }

        if (!live && !cited)
        {
            return;
        }

        var label = rec.Add(plot.Add.Text(text, x1, (double)zone.Top), ChartElementKind.ZoneLabel, zone.Id, text);
        Style(label, color, Alignment.LowerLeft, 10);
    }

    private static void DrawLiquidity(Plot plot, ChartRecorder rec, Frame f, ReportLiquidity level)
    {
        var (x1, x2) = f.ClipX(level.Start, level.SweptAt ?? f.Right);
        var y = (double)level.Level;
        var name = level.Side > 0 ? "BSL" : "SSL";
        var line = rec.Add(plot.Add.Line(x1, y, x2, y), ChartElementKind.LiquidityLevel, level.Id, name);
        line.LineColor = ChartPalette.Liquidity;
        line.LineWidth = 2;
        line.LinePattern = LinePattern.Dotted;
        line.MarkerSize = 0;
        var label = rec.Add(plot.Add.Text(name, x1, y), ChartElementKind.LiquidityLabel, level.Id, name);
        Style(label, ChartPalette.Liquidity, level.Side > 0 ? Alignment.LowerLeft : Alignment.UpperLeft, 10);
        if (level.SweptAt is { } sweptAt && sweptAt >= f.Left && sweptAt <= f.Right)
        {
            var price = (double)(level.SweepPrice ?? level.Level);
            var marker = rec.Add(plot.Add.Marker(sweptAt.ToOADate(), price, MarkerShape.Eks, 12, ChartPalette.Liquidity), ChartElementKind.Sweep, level.Id, "sweep");
            marker.MarkerLineWidth = 3;
            var sweepLabel = rec.Add(plot.Add.Text($"{name} swept", sweptAt.ToOADate(), price), ChartElementKind.LiquidityLabel, level.Id, "swept");
            Style(sweepLabel, ChartPalette.Liquidity, level.Side > 0 ? Alignment.LowerCenter : Alignment.UpperCenter, 10);
            sweepLabel.OffsetY = level.Side > 0 ? -8 : 8;
        }
    }

    private static void DrawBreak(Plot plot, ChartRecorder rec, Frame f, ReportStructureBreak brk, bool cited)
    {
        var (x1, x2) = f.ClipX(brk.From, brk.To);
        var y = (double)brk.Level;
        var color = brk.Kind == StructureBreakKind.Bos ? ChartPalette.Bos : ChartPalette.Choch;
        var text = cited ? "signal " + brk.Label : brk.Label;
        var line = rec.Add(plot.Add.Line(x1, y, x2, y), ChartElementKind.StructureLine, brk.Id, text);
        line.LineColor = color;
        line.LineWidth = cited || brk.Scope == StructureScope.Swing ? 3 : 2;
        line.MarkerSize = 0;
        if (brk.Kind == StructureBreakKind.Choch)
        {
            line.LinePattern = LinePattern.Dashed;
        }

        var label = rec.Add(plot.Add.Text(text, (x1 + x2) / 2, y), ChartElementKind.StructureLabel, brk.Id, text);
        Style(label, color, brk.Direction > 0 ? Alignment.LowerCenter : Alignment.UpperCenter, 12);
        label.LabelBold = true;
    }

    /// <summary>
    /// Entry and exit markers joined by the trade's path, and the risk (entry to stop) and reward (entry to target)
    /// boxes of a position tool. The boxes span at least <paramref name="minSpan"/> so that a trade stopped out within
    /// minutes still shows where its stop and target were.
    /// </summary>
    private static void DrawTrade(Plot plot, ChartRecorder rec, Frame f, ReportTrade trade, int digits, double alpha, TimeSpan minSpan)
    {
        var color = (trade.Side > 0 ? ChartPalette.Long : ChartPalette.Short).WithAlpha(alpha);
        var entryX = trade.EntryTime.ToOADate();
        var end = trade.ExitTime ?? f.Right;
        end = end - trade.EntryTime < minSpan ? trade.EntryTime + minSpan : end;
        var endX = Math.Min(end.ToOADate(), f.Right.ToOADate());
        foreach (var (price, kind, boxKind, lineColor, name) in new[]
                 {
                     (trade.Stop, ChartElementKind.StopLine, ChartElementKind.RiskBox, ChartPalette.Stop, "SL"),
                     (trade.Target, ChartElementKind.TargetLine, ChartElementKind.RewardBox, ChartPalette.Target, "TP"),
                 })
        {
            if (price is not { } p)
            {
                continue;
            }

            var text = $"{name} {Core.Price.Format(ToUnits(p, digits), digits)}";
            var box = rec.Add(plot.Add.Rectangle(entryX, endX, (double)Math.Min(p, trade.EntryPrice), (double)Math.Max(p, trade.EntryPrice)), boxKind, trade.Id, name);
            box.FillColor = lineColor.WithAlpha(0.10 * alpha);
            box.LineWidth = 0;
            var line = rec.Add(plot.Add.Line(entryX, (double)p, endX, (double)p), kind, trade.Id, text);
            line.LineColor = lineColor.WithAlpha(alpha);
            line.LineWidth = 2;
            line.LinePattern = LinePattern.Dashed;
            line.MarkerSize = 0;
            var label = rec.Add(plot.Add.Text(text, entryX, (double)p), ChartElementKind.TradeLabel, trade.Id, text);
            Style(label, lineColor.WithAlpha(alpha), p > trade.EntryPrice ? Alignment.LowerLeft : Alignment.UpperLeft, 10);
        }

        var entry = rec.Add(plot.Add.Marker(entryX, (double)trade.EntryPrice,
            trade.Side > 0 ? MarkerShape.FilledTriangleUp : MarkerShape.FilledTriangleDown, 16, color), ChartElementKind.Entry, trade.Id, "entry");
        entry.MarkerLineColor = Colors.Black.WithAlpha(alpha);
        var side = trade.Side > 0 ? "Long" : "Short";
        var entryText = $"#{trade.Id} {side} {trade.Lots.ToString("0.00", CultureInfo.InvariantCulture)}";
        var entryLabel = rec.Add(plot.Add.Text(entryText, entryX, (double)trade.EntryPrice), ChartElementKind.TradeLabel, trade.Id, entryText);
        Style(entryLabel, color, Alignment.MiddleRight, 11);
        entryLabel.OffsetX = -10;
        entryLabel.LabelBold = true;

        if (trade.ExitTime is { } exitTime && trade.ExitPrice is { } exitPrice)
        {
            var exitX = exitTime.ToOADate();
            var path = rec.Add(plot.Add.Line(entryX, (double)trade.EntryPrice, exitX, (double)exitPrice), ChartElementKind.TradePath, trade.Id, null);
            path.LineColor = color;
            path.LineWidth = 1.5f;
            path.LinePattern = LinePattern.Dotted;
            path.MarkerSize = 0;
            var resultColor = (trade.Pnl >= 0 ? ChartPalette.Target : ChartPalette.Stop).WithAlpha(alpha);
            var exit = rec.Add(plot.Add.Marker(exitX, (double)exitPrice, MarkerShape.FilledCircle, 12, resultColor), ChartElementKind.Exit, trade.Id, "exit");
            exit.MarkerLineColor = Colors.Black.WithAlpha(alpha);
            var r = trade.RMultiple is { } rm ? $" ({rm.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture)}R)" : "";
            var exitText = trade.Pnl.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + r;
            var exitLabel = rec.Add(plot.Add.Text(exitText, exitX, (double)exitPrice), ChartElementKind.TradeLabel, trade.Id, exitText);
            Style(exitLabel, resultColor, Alignment.MiddleLeft, 11);
            exitLabel.OffsetX = 10;
            exitLabel.LabelBold = true;
        }
    }

    /// <summary>A hollow triangle at the untraded signal's limit entry with a dotted line over its lifetime, and its fate.</summary>
    private static void DrawSignal(Plot plot, ChartRecorder rec, Frame f, ReportSignal signal, TimeSpan lifetime)
    {
        var color = (signal.Side > 0 ? ChartPalette.Long : ChartPalette.Short).WithAlpha(0.8);
        var (x1, x2) = f.ClipX(signal.Time, signal.Time + lifetime);
        var y = (double)signal.Entry;
        var line = rec.Add(plot.Add.Line(x1, y, x2, y), ChartElementKind.Signal, signal.Id, signal.Outcome);
        line.LineColor = color;
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.Dotted;
        line.MarkerSize = 0;
        var marker = plot.Add.Marker(x1, y, signal.Side > 0 ? MarkerShape.OpenTriangleUp : MarkerShape.OpenTriangleDown, 14, color);
        marker.MarkerLineWidth = 2;
        var text = $"signal {(signal.Side > 0 ? "long" : "short")}: {signal.Outcome}";
        var label = rec.Add(plot.Add.Text(text, x1, y), ChartElementKind.TradeLabel, signal.Id, text);
        Style(label, color, signal.Side > 0 ? Alignment.UpperLeft : Alignment.LowerLeft, 10);
        label.OffsetY = signal.Side > 0 ? 8 : -8;
    }

    private static long ToUnits(decimal price, int digits) => (long)decimal.Round(price * Core.Price.PowerOfTen(digits));

    private static void Style(Text text, Color color, Alignment alignment, float size)
    {
        text.LabelFontColor = color;
        text.LabelFontSize = size;
        text.LabelAlignment = alignment;
        text.LabelBackgroundColor = ChartPalette.LabelBackground;
        text.LabelPadding = 2;
        text.LabelFontName = SansFont;
    }

    private static string FileSafe(string symbol) =>
        new(symbol.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    /// <summary>The visible time and price ranges of a chart; everything drawn is clipped to it.</summary>
    private readonly record struct Frame(DateTime Left, DateTime Right, decimal Low, decimal High)
    {
        public (double X1, double X2) ClipX(DateTime from, DateTime to) =>
            ((from < Left ? Left : from).ToOADate(), (to > Right ? Right : to).ToOADate());

        public bool ShowsPrices(decimal low, decimal high) => high >= Low && low <= High;
    }
}
