using System.Globalization;
using IctEngine.Core;

namespace IctEngine.Report;

/// <summary>
/// Folds a run's decision stream (in journal order) into a <see cref="ReportModel"/>: joins detections with their
/// mitigations, structure breaks with their swings, positions with the signals that opened them, and derives the
/// equity curve and summary metrics. Field layouts come from <see cref="ReportDecisionMap"/> only. Not thread-safe;
/// runs off the hot path (after a replay, or over a stored run).
/// </summary>
public sealed class ReportModelBuilder
{
    private readonly InstrumentCatalog _catalog;
    private readonly string _runId;
    private readonly Dictionary<int, SymbolReport> _symbols = [];
    private readonly Dictionary<long, DateTime> _zoneEnds = [];
    private readonly Dictionary<long, (DateTime Time, long PriceUnits)> _sweeps = [];
    private readonly Dictionary<long, DateTime> _swings = [];
    private readonly List<(SymbolReport Symbol, ReportStructureBreak Break, long SwingId, bool HasSwingTime)> _breaks = [];
    private readonly Dictionary<long, (long Stop, long Target, long[] StructureIds)> _signals = [];
    private readonly Dictionary<long, ReportDecisionMap.OpenedPosition> _opened = [];
    private readonly List<ReportDecisionMap.ClosedPosition> _closed = [];
    private readonly List<(DateTime Time, decimal Balance, decimal Equity)> _snapshots = [];
    private readonly List<ReportSession> _globalSessions = [];
    private readonly SortedDictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private long _firstNs = long.MaxValue;
    private long _lastNs = long.MinValue;
    private long _runStartNs;
    private decimal? _runInitialBalance;
    private decimal? _runDailyLoss;
    private decimal? _runMaxLoss;

    public ReportModelBuilder(InstrumentCatalog catalog, string runId)
    {
        _catalog = catalog;
        _runId = runId;
    }

    /// <summary>The run's configuration text (JSON or other), shown verbatim on the page.</summary>
    public string? ConfigurationText { get; set; }

    /// <summary>Configuration as key/value pairs, shown as a table.</summary>
    public List<KeyValuePair<string, string>> Configuration { get; } = [];

    /// <summary>Only this symbol (case-insensitive), or every symbol when null.</summary>
    public string? Symbol { get; set; }

    /// <summary>Keep what overlaps [<see cref="From"/>, <see cref="To"/>] (UTC); null for open ends.</summary>
    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    /// <summary>Overrides the initial balance and limits of <see cref="DecisionType.RunStarted"/> (e.g. from the config).</summary>
    public decimal? InitialBalance { get; set; }

    public decimal? DailyLossLimit { get; set; }

    public decimal? MaxLossLimit { get; set; }

    /// <summary>Decisions read so far.</summary>
    public long Count { get; private set; }

    public void AddRange(IEnumerable<Decision> decisions)
    {
        foreach (var d in decisions)
        {
            Add(d);
        }
    }

    /// <summary>Reads one decision; decision kinds the report does not show are counted and ignored.</summary>
    public void Add(in Decision d)
    {
        Count++;
        if (d.TimeNs != 0)
        {
            _firstNs = Math.Min(_firstNs, d.TimeNs);
            _lastNs = Math.Max(_lastNs, d.TimeNs);
        }

        switch (d.Type)
        {
            case DecisionType.RunStarted:
                (_runInitialBalance, _runDailyLoss, _runMaxLoss) = ReportDecisionMap.RunStarted(d);
                _runStartNs = d.TimeNs;
                return;
            case DecisionType.TradingStateChanged:
                var (has, balance, equity) = ReportDecisionMap.AccountSnapshot(d);
                if (has)
                {
                    _snapshots.Add((ReportDecisionMap.Time(d.TimeNs), balance, equity));
                }

                return;
            case DecisionType.TickRejected or DecisionType.RiskDenied or DecisionType.OrderRejected:
                if (Wanted(d.SymbolId))
                {
                    var reason = ReportDecisionMap.RejectReasonText(d);
                    _rejects[reason] = _rejects.GetValueOrDefault(reason) + 1;
                }

                return;
            case DecisionType.SwingDetected:
                var (swingId, swingTime) = ReportDecisionMap.Swing(d);
                _swings[swingId] = swingTime;
                return;
            case DecisionType.SignalRaised:
                var signal = ReportDecisionMap.Signal(d);
                _signals[signal.Id] = (signal.Stop, signal.Target, signal.StructureIds);
                return;
            case DecisionType.OrderBlockMitigated or DecisionType.FairValueGapMitigated or DecisionType.StructureInvalidated:
                var (zoneId, end) = ReportDecisionMap.ZoneEnd(d);
                _zoneEnds.TryAdd(zoneId, end);
                return;
            case DecisionType.SessionEvent when d.SymbolId < 0:
                // An account-level session (the clock's killzones) is drawn on every symbol.
                _globalSessions.Add(ReportDecisionMap.Session(d));
                return;
            case DecisionType.LiquiditySwept:
                var (liquidityId, sweptAt, price) = ReportDecisionMap.Sweep(d);
                _sweeps.TryAdd(liquidityId, (sweptAt, price));
                return;
        }

        if (d.SymbolId < 0 || d.SymbolId >= _catalog.Count || !Wanted(d.SymbolId))
        {
            return;
        }

        var instrument = _catalog[d.SymbolId];
        var symbol = SymbolOf(instrument);
        switch (d.Type)
        {
            case DecisionType.BarClosed:
                symbol.Bars.Add(ReportDecisionMap.Bar(d, instrument));
                break;
            case DecisionType.StructureBreak:
                var (brk, swing, hasTime) = ReportDecisionMap.StructureBreak(d, instrument);
                _breaks.Add((symbol, brk, swing, hasTime));
                break;
            case DecisionType.OrderBlockDetected:
                symbol.Zones.Add(ReportDecisionMap.Zone(d, instrument, ZoneKind.OrderBlock));
                break;
            case DecisionType.FairValueGapDetected:
                symbol.Zones.Add(ReportDecisionMap.Zone(d, instrument, ZoneKind.FairValueGap));
                break;
            case DecisionType.BreakerBlockDetected:
                symbol.Zones.Add(ReportDecisionMap.Zone(d, instrument, ZoneKind.BreakerBlock));
                break;
            case DecisionType.LiquidityDetected or DecisionType.EqualHighsLows:
                symbol.Liquidity.Add(ReportDecisionMap.Liquidity(d, instrument));
                break;
            case DecisionType.SessionEvent:
                symbol.Sessions.Add(ReportDecisionMap.Session(d));
                break;
            case DecisionType.PositionOpened:
                var opened = ReportDecisionMap.Opened(d);
                _opened[opened.Id] = opened;
                break;
            case DecisionType.PositionClosed:
                _closed.Add(ReportDecisionMap.Closed(d));
                break;
        }
    }

    /// <summary>Joins what was read into a model. Call once, after the last <see cref="Add"/>.</summary>
    public ReportModel Build()
    {
        var start = _firstNs == long.MaxValue ? default : ReportDecisionMap.Time(_firstNs);
        var end = _lastNs == long.MinValue ? default : ReportDecisionMap.Time(_lastNs);
        var model = new ReportModel
        {
            RunId = _runId,
            ConfigurationText = ConfigurationText,
            Start = From is { } f && f > start ? f : start,
            End = To is { } t && t < end ? t : end,
        };
        model.Configuration.AddRange(Configuration);
        foreach (var (reason, count) in _rejects)
        {
            model.RejectsByReason[reason] = count;
        }

        foreach (var (brkSymbol, brk, swingId, hasTime) in _breaks)
        {
            var resolved = !hasTime && _swings.TryGetValue(swingId, out var swingTime) ? brk with { From = swingTime } : brk;
            brkSymbol.Breaks.Add(resolved);
        }

        foreach (var symbol in _symbols.Values.OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            model.Symbols.Add(Finish(symbol, end));
        }

        AddTrades(model);
        AddEquity(model, start);
        AddMetrics(model);
        return model;
    }

    private SymbolReport Finish(SymbolReport raw, DateTime runEnd)
    {
        var from = From ?? DateTime.MinValue;
        var to = To ?? DateTime.MaxValue;
        var s = new SymbolReport { Symbol = raw.Symbol, Digits = raw.Digits };
        s.Bars.AddRange(raw.Bars.Where(b => b.Time >= from && b.Time <= to).OrderBy(b => b.Timeframe).ThenBy(b => b.Time));
        foreach (var z in raw.Zones)
        {
            var mitigated = _zoneEnds.TryGetValue(z.Id, out var zoneEnd);
            var zone = z with { End = mitigated ? zoneEnd : runEnd, Mitigated = mitigated };
            if (zone.End >= from && zone.Start <= to)
            {
                s.Zones.Add(zone);
            }
        }

        s.Breaks.AddRange(raw.Breaks.Where(b => b.To >= from && b.From <= to));
        foreach (var l in raw.Liquidity)
        {
            var swept = _sweeps.TryGetValue(l.Id, out var sweep);
            var level = swept
                ? l with { SweptAt = sweep.Time, SweepPrice = sweep.PriceUnits != 0 ? ReportDecisionMap.Px(sweep.PriceUnits, _catalog.Get(raw.Symbol)) : l.Level }
                : l;
            if ((level.SweptAt ?? runEnd) >= from && level.Start <= to)
            {
                s.Liquidity.Add(level);
            }
        }

        s.Sessions.AddRange(raw.Sessions.Concat(_globalSessions).Where(x => x.End >= from && x.Start <= to).Distinct().OrderBy(x => x.Start));
        return s;
    }

    private void AddTrades(ReportModel model)
    {
        var from = From ?? DateTime.MinValue;
        var to = To ?? DateTime.MaxValue;
        var bySymbol = model.Symbols.ToDictionary(s => s.Symbol, StringComparer.OrdinalIgnoreCase);
        var closedIds = new HashSet<long>();
        foreach (var c in _closed)
        {
            closedIds.Add(c.Id);
            _opened.TryGetValue(c.Id, out var o);
            var entryNs = c.EntryTimeNs != 0 ? c.EntryTimeNs : o.TimeNs;
            var signalId = c.SignalId != 0 ? c.SignalId : o.SignalId;
            AddTrade(bySymbol, from, to, c.SymbolId, c.Id, c.Side != 0 ? c.Side : o.Side, entryNs, c.Entry != 0 ? c.Entry : o.Entry,
                c.ExitTimeNs, c.Exit, c.Volume != 0 ? c.Volume : o.Volume, o.Stop, o.Target, c.PnlMicros, signalId);
        }

        foreach (var o in _opened.Values.Where(o => !closedIds.Contains(o.Id)))
        {
            AddTrade(bySymbol, from, to, o.SymbolId, o.Id, o.Side, o.TimeNs, o.Entry, null, 0, o.Volume, o.Stop, o.Target, 0, o.SignalId);
        }

        foreach (var s in model.Symbols)
        {
            s.Trades.Sort((a, b) => a.EntryTime != b.EntryTime ? a.EntryTime.CompareTo(b.EntryTime) : a.Id.CompareTo(b.Id));
        }
    }

    private void AddTrade(Dictionary<string, SymbolReport> bySymbol, DateTime from, DateTime to, int symbolId, long id, int side,
        long entryNs, long entry, long? exitNs, long exit, long volume, long stop, long target, long pnlMicros, long signalId)
    {
        var instrument = _catalog[symbolId];
        var entryTime = ReportDecisionMap.Time(entryNs);
        if (!bySymbol.TryGetValue(instrument.Symbol, out var symbol) || entryTime < from || entryTime > to)
        {
            return;
        }

        long[] structureIds = [];
        if (_signals.TryGetValue(signalId, out var signal))
        {
            structureIds = signal.StructureIds;
            stop = stop != 0 ? stop : signal.Stop;
            target = target != 0 ? target : signal.Target;
        }

        decimal? r = null;
        if (exitNs is not null && stop != 0 && stop != entry)
        {
            r = decimal.Round((exit - entry) * (decimal)side / Math.Abs(entry - stop), 2);
        }

        symbol.Trades.Add(new ReportTrade(
            id, instrument.Symbol, side, entryTime, ReportDecisionMap.Px(entry, instrument),
            exitNs is { } x ? ReportDecisionMap.Time(x) : null, exitNs is null ? null : ReportDecisionMap.Px(exit, instrument),
            ReportDecisionMap.Lots(volume, instrument), stop != 0 ? ReportDecisionMap.Px(stop, instrument) : null,
            target != 0 ? ReportDecisionMap.Px(target, instrument) : null, ReportDecisionMap.Money(pnlMicros), r, structureIds));
    }

    private void AddEquity(ReportModel model, DateTime runStart)
    {
        var initial = InitialBalance ?? _runInitialBalance;
        var dailyLimit = DailyLossLimit ?? _runDailyLoss;
        var maxLimit = MaxLossLimit ?? _runMaxLoss;
        var raw = new List<(DateTime Time, decimal Balance, decimal Equity)>();
        if (_snapshots.Count > 0)
        {
            raw.AddRange(_snapshots);
            initial ??= _snapshots[0].Balance;
        }
        else if (initial is { } balance)
        {
            foreach (var c in _closed.OrderBy(c => c.ExitTimeNs).ThenBy(c => c.Id))
            {
                if (!Wanted(c.SymbolId))
                {
                    continue;
                }

                balance += ReportDecisionMap.Money(c.PnlMicros);
                raw.Add((ReportDecisionMap.Time(c.ExitTimeNs), balance, balance));
            }
        }

        if (initial is null)
        {
            return;
        }

        var startTime = _runStartNs != 0 ? ReportDecisionMap.Time(_runStartNs) : runStart;
        if (_snapshots.Count == 0 || raw[0].Time > startTime)
        {
            raw.Insert(0, (startTime, initial.Value, initial.Value));
        }

        // Prop-firm daily loss counts from the balance at the start of the (UTC) day; max loss from the initial balance.
        var dayStartBalance = initial.Value;
        var day = raw[0].Time.Date;
        var previousBalance = initial.Value;
        foreach (var (time, bal, eq) in raw)
        {
            if (time.Date != day)
            {
                day = time.Date;
                dayStartBalance = previousBalance;
            }

            model.Equity.Add(new EquityPoint(time, bal, eq, dayStartBalance - dailyLimit, initial.Value - maxLimit));
            previousBalance = bal;
        }
    }

    private static void AddMetrics(ReportModel model)
    {
        var trades = model.AllTrades().Where(t => t.ExitTime is not null).ToList();
        var wins = trades.Count(t => t.Pnl > 0);
        var grossProfit = trades.Where(t => t.Pnl > 0).Sum(t => t.Pnl);
        var grossLoss = -trades.Where(t => t.Pnl < 0).Sum(t => t.Pnl);
        var rs = trades.Where(t => t.RMultiple is not null).Select(t => t.RMultiple!.Value).ToList();
        var peak = decimal.MinValue;
        var maxDrawdown = 0m;
        foreach (var p in model.Equity)
        {
            peak = Math.Max(peak, p.Equity);
            maxDrawdown = Math.Max(maxDrawdown, peak - p.Equity);
        }

        var m = model.Metrics;
        m.Add(new("Closed trades", trades.Count.ToString(CultureInfo.InvariantCulture)));
        m.Add(new("Wins / losses", $"{wins} / {trades.Count(t => t.Pnl < 0)}"));
        m.Add(new("Win rate", trades.Count == 0 ? "-" : (100m * wins / trades.Count).ToString("0.0", CultureInfo.InvariantCulture) + " %"));
        m.Add(new("Net P&L", (grossProfit - grossLoss).ToString("0.00", CultureInfo.InvariantCulture)));
        m.Add(new("Profit factor", grossLoss == 0 ? "-" : (grossProfit / grossLoss).ToString("0.00", CultureInfo.InvariantCulture)));
        m.Add(new("Average R", rs.Count == 0 ? "-" : rs.Average().ToString("0.00", CultureInfo.InvariantCulture)));
        m.Add(new("Max drawdown", maxDrawdown.ToString("0.00", CultureInfo.InvariantCulture)));
        m.Add(new("Rejects", model.RejectsByReason.Values.Sum().ToString(CultureInfo.InvariantCulture)));
    }

    private bool Wanted(int symbolId) =>
        symbolId < 0 || symbolId >= _catalog.Count || Symbol is null
            || string.Equals(_catalog[symbolId].Symbol, Symbol, StringComparison.OrdinalIgnoreCase);

    private SymbolReport SymbolOf(Instrument instrument)
    {
        if (!_symbols.TryGetValue(instrument.Id, out var symbol))
        {
            symbol = new SymbolReport { Symbol = instrument.Symbol, Digits = instrument.Digits };
            _symbols[instrument.Id] = symbol;
        }

        return symbol;
    }
}
