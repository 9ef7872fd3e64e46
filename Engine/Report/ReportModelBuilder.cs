using System.Globalization;
using IctEngine.Core;
using IctEngine.Replay;
using IctEngine.Risk;
using IctEngine.Smc.Structure;

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
    private readonly Dictionary<(int Symbol, int Timeframe, long Index), long> _barOpenNs = [];
    private readonly List<(SymbolReport Symbol, ReportDecisionMap.RawZone Zone)> _zones = [];
    private readonly Dictionary<long, ReportDecisionMap.ZoneEnd> _zoneEnds = [];
    private readonly List<(SymbolReport Symbol, ReportDecisionMap.RawBreak Break)> _breaks = [];
    private readonly HashSet<long> _supersededBreaks = [];
    private readonly Dictionary<long, (SymbolReport Symbol, ReportLiquidity Level, ReportDecisionMap.BarRef Start)> _liquidity = [];
    private readonly Dictionary<long, ReportDecisionMap.RawSweep> _sweeps = [];
    private readonly Dictionary<long, (SymbolReport Symbol, ReportDecisionMap.RawSessionEvent Open)> _sessionOpens = [];
    private readonly List<(SymbolReport Symbol, ReportDecisionMap.RawSessionEvent Open, ReportDecisionMap.BarRef? Close)> _sessions = [];
    private readonly Dictionary<long, (long Stop, long Target, long[] StructureIds, long Bias, long Trigger, long Zone)> _signals = [];
    private readonly Dictionary<long, ReportDecisionMap.OpenedPosition> _opened = [];
    private readonly List<(SymbolReport Symbol, ReportSignal Signal)> _raised = [];
    private readonly Dictionary<long, string> _outcomes = [];
    private readonly List<ReportDecisionMap.ClosedPosition> _closed = [];
    private readonly List<(long TimeNs, long DeltaMicros, ReportDecisionMap.AccountSnapshot? Snapshot)> _account = [];
    private readonly SortedDictionary<string, long> _rejects = new(StringComparer.Ordinal);
    private long _firstNs = long.MaxValue;
    private long _lastNs = long.MinValue;

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

    /// <summary>The account's initial balance (equity curve starts here); no equity curve when null.</summary>
    public decimal? InitialBalance { get; set; }

    /// <summary>Daily-loss limit in money, counted from each trading day's start balance.</summary>
    public decimal? DailyLossLimit { get; set; }

    /// <summary>Max-loss limit in money, below the initial balance.</summary>
    public decimal? MaxLossLimit { get; set; }

    /// <summary>IANA zone whose midnight starts a trading day (the risk stage's <c>DailyResetTimeZone</c>).</summary>
    public string DailyResetTimeZone { get; set; } = "Europe/Prague";

    /// <summary>The SMC session windows, indexed as <see cref="DecisionType.SessionEvent"/> Ref0 cites them.</summary>
    public IReadOnlyList<SessionWindow> Sessions { get; set; } = SessionWindow.IctDefaults;

    /// <summary>Also draw the reference 4-swing pattern BOS/CHoCH (duplicates of the internal structure, mostly).</summary>
    public bool IncludePatternStructure { get; set; }

    /// <summary>Decisions read so far.</summary>
    public long Count { get; private set; }

    /// <summary>Takes the account, limits, reset zone and session windows from the run's engine settings.</summary>
    public void Apply(EngineSettings settings)
    {
        var risk = settings.Risk;
        InitialBalance = risk.InitialBalance;
        DailyLossLimit = risk.InitialBalance * risk.DailyLossPercent / 100m;
        MaxLossLimit = risk.InitialBalance * risk.MaxLossPercent / 100m;
        DailyResetTimeZone = risk.DailyResetTimeZone;
        Sessions = settings.Smc.Sessions;
    }

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

        if (ReportDecisionMap.SignalOutcome(d) is { } outcome)
        {
            // A position opened from the signal settles it (the strategy may have stopped tracking it while the order
            // still worked); otherwise the first word counts.
            if (outcome.Outcome == "traded")
            {
                _outcomes[outcome.SignalId] = outcome.Outcome;
            }
            else
            {
                _outcomes.TryAdd(outcome.SignalId, outcome.Outcome);
            }
        }

        var delta = ReportDecisionMap.BalanceChangeMicros(d);
        var snapshot = ReportDecisionMap.Snapshot(d);
        if ((delta != 0 || snapshot is not null) && Wanted(d.SymbolId))
        {
            _account.Add((d.TimeNs, delta, snapshot));
        }

        switch (d.Type)
        {
            case DecisionType.TickRejected or DecisionType.RiskDenied or DecisionType.OrderRejected:
                if (Wanted(d.SymbolId))
                {
                    var reason = ReportDecisionMap.RejectReasonText(d);
                    _rejects[reason] = _rejects.GetValueOrDefault(reason) + 1;
                }

                return;
            case DecisionType.SignalRaised:
                var signal = ReportDecisionMap.Signal(d);
                _signals[signal.Id] = (signal.Stop, signal.Target, signal.StructureIds, signal.Bias, signal.Trigger, signal.Zone);
                if (d.SymbolId >= 0 && d.SymbolId < _catalog.Count && Wanted(d.SymbolId))
                {
                    var at = _catalog[d.SymbolId];
                    _raised.Add((SymbolOf(at), new ReportSignal(signal.Id, Math.Sign(d.Code), d.Timeframe, ReportDecisionMap.Time(d.TimeNs),
                        ReportDecisionMap.Px(d.A, at), ReportDecisionMap.Px(signal.Stop, at), ReportDecisionMap.Px(signal.Target, at), "pending")));
                }

                return;
            case DecisionType.OrderBlockMitigated or DecisionType.FairValueGapMitigated or DecisionType.StructureInvalidated:
                if (ReportDecisionMap.ZoneEndOf(d) is { } zoneEnd)
                {
                    _zoneEnds.TryAdd(zoneEnd.Kind == ReportDecisionMap.ZoneEndKind.BreakerOfOrderBlockErased ? -zoneEnd.Id : zoneEnd.Id, zoneEnd);
                }
                else if (ReportDecisionMap.SupersededBreak(d) is var superseded and not 0)
                {
                    _supersededBreaks.Add(superseded);
                }

                return;
            case DecisionType.LiquiditySwept:
                var sweep = ReportDecisionMap.Sweep(d);
                _sweeps.TryAdd(sweep.PoolId, sweep);
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
                _barOpenNs[(d.SymbolId, d.Timeframe, ReportDecisionMap.BarIndex(d))] = ReportDecisionMap.BarOpenNs(d);
                break;
            case DecisionType.StructureBreak:
                var brk = ReportDecisionMap.StructureBreak(d, instrument);
                if (brk.Break.Scope != StructureScope.Pattern || IncludePatternStructure)
                {
                    _breaks.Add((symbol, brk));
                }

                break;
            case DecisionType.OrderBlockDetected:
                _zones.Add((symbol, ReportDecisionMap.Zone(d, instrument, ZoneKind.OrderBlock)));
                break;
            case DecisionType.FairValueGapDetected:
                _zones.Add((symbol, ReportDecisionMap.Zone(d, instrument, ZoneKind.FairValueGap)));
                break;
            case DecisionType.BreakerBlockDetected:
                _zones.Add((symbol, ReportDecisionMap.Zone(d, instrument, ZoneKind.BreakerBlock)));
                break;
            case DecisionType.LiquidityDetected or DecisionType.EqualHighsLows:
                // Every member re-reports the pool under its id: keep the first start and the latest mean level.
                var (level, start, _) = ReportDecisionMap.Liquidity(d, instrument);
                _liquidity[level.Id] = _liquidity.TryGetValue(level.Id, out var known) ? known with { Level = known.Level with { Level = level.Level } } : (symbol, level, start);
                break;
            case DecisionType.SessionEvent:
                var session = ReportDecisionMap.Session(d);
                if (session.Window < 0 || session.Window >= Sessions.Count || !Sessions[session.Window].IsKillzone)
                {
                    break;
                }

                if (session.Opened)
                {
                    _sessionOpens[session.Id] = (symbol, session);
                }
                else if (_sessionOpens.Remove(session.Id, out var open))
                {
                    _sessions.Add((open.Symbol, open.Open, session.Bar));
                }

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

        Resolve(end);
        foreach (var symbol in _symbols.Values.OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            model.Symbols.Add(Finish(symbol, end));
        }

        AddTrades(model);
        AddEquity(model, start);
        AddMetrics(model);
        return model;
    }

    /// <summary>Turns bar indices into times now that every BarClosed has been read, onto the raw symbol reports.</summary>
    private void Resolve(DateTime runEnd)
    {
        foreach (var (symbol, raw) in _breaks)
        {
            if (!_supersededBreaks.Contains(raw.Break.Id))
            {
                symbol.Breaks.Add(raw.Break with { From = Center(raw.Swing), To = Center(raw.Breaking) });
            }
        }

        foreach (var (symbol, raw) in _zones)
        {
            var endKey = raw.Zone.Kind == ZoneKind.BreakerBlock ? -raw.OrderBlockId : raw.Zone.Id;
            var ended = _zoneEnds.TryGetValue(endKey, out var zoneEnd);
            var zone = raw.Zone with
            {
                Start = Open(raw.Start),
                End = !ended ? runEnd : zoneEnd.Kind == ReportDecisionMap.ZoneEndKind.Merged ? Open(zoneEnd.Bar) : CloseOf(zoneEnd.Bar),
                Mitigated = ended,
            };
            symbol.Zones.Add(zone);
        }

        foreach (var (symbol, level, start) in _liquidity.Values)
        {
            var swept = _sweeps.TryGetValue(level.Id, out var sweep);
            var instrument = _catalog.Get(symbol.Symbol);
            symbol.Liquidity.Add(level with
            {
                Start = Open(start),
                SweptAt = swept ? Center(sweep.Bar) : null,
                SweepPrice = swept ? (sweep.PriceUnits != 0 ? ReportDecisionMap.Px(sweep.PriceUnits, instrument) : level.Level) : null,
            });
        }

        foreach (var (symbol, signal) in _raised)
        {
            symbol.Signals.Add(signal with { Outcome = _outcomes.GetValueOrDefault(signal.Id, signal.Outcome) });
        }

        foreach (var (symbol, open) in _sessionOpens.Values)
        {
            _sessions.Add((symbol, open, null));
        }

        foreach (var (symbol, open, close) in _sessions)
        {
            symbol.Sessions.Add(new ReportSession(Sessions[open.Window].Name, Open(open.Bar), close is { } c ? Open(c) : runEnd));
        }
    }

    private DateTime Open(ReportDecisionMap.BarRef bar) =>
        ReportDecisionMap.Time(_barOpenNs.TryGetValue((bar.SymbolId, bar.Timeframe, bar.Index), out var ns) ? ns : bar.FallbackNs);

    private DateTime Center(ReportDecisionMap.BarRef bar) => Open(bar).AddSeconds(bar.Timeframe / 2.0);

    private DateTime CloseOf(ReportDecisionMap.BarRef bar) => Open(bar).AddSeconds(bar.Timeframe);

    private SymbolReport Finish(SymbolReport raw, DateTime runEnd)
    {
        var from = From ?? DateTime.MinValue;
        var to = To ?? DateTime.MaxValue;
        var s = new SymbolReport { Symbol = raw.Symbol, Digits = raw.Digits };
        s.Bars.AddRange(raw.Bars.Where(b => b.Time >= from && b.Time <= to).OrderBy(b => b.Timeframe).ThenBy(b => b.Time));
        s.Zones.AddRange(raw.Zones.Where(z => z.End >= from && z.Start <= to).OrderBy(z => z.Start));
        s.Breaks.AddRange(raw.Breaks.Where(b => b.To >= from && b.From <= to).OrderBy(b => b.To));
        s.Liquidity.AddRange(raw.Liquidity.Where(l => (l.SweptAt ?? runEnd) >= from && l.Start <= to).OrderBy(l => l.Start));
        s.Sessions.AddRange(raw.Sessions.Where(x => x.End >= from && x.Start <= to).Distinct().OrderBy(x => x.Start));
        s.Signals.AddRange(raw.Signals.Where(x => x.Time >= from && x.Time <= to).OrderBy(x => x.Time));
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
            var found = _opened.TryGetValue(c.Id, out var o);
            var trade = new RawTrade(c.SymbolId, c.Id, c.Side != 0 ? c.Side : o.Side, found ? o.TimeNs : c.ExitTimeNs,
                c.Entry != 0 ? c.Entry : o.Entry, c.ExitTimeNs, c.Exit, c.Volume != 0 ? c.Volume : o.Volume, o.Stop, o.Target,
                c.NetMicros, c.SignalId != 0 ? c.SignalId : o.SignalId, c.Reason);
            AddTrade(bySymbol, from, to, trade);
        }

        foreach (var o in _opened.Values.Where(o => !closedIds.Contains(o.Id)))
        {
            AddTrade(bySymbol, from, to, new RawTrade(o.SymbolId, o.Id, o.Side, o.TimeNs, o.Entry, null, 0, o.Volume, o.Stop, o.Target, 0, o.SignalId, CloseReason.None));
        }

        foreach (var s in model.Symbols)
        {
            s.Trades.Sort((a, b) => a.EntryTime != b.EntryTime ? a.EntryTime.CompareTo(b.EntryTime) : a.Id.CompareTo(b.Id));
        }
    }

    private void AddTrade(Dictionary<string, SymbolReport> bySymbol, DateTime from, DateTime to, RawTrade t)
    {
        var instrument = _catalog[t.SymbolId];
        var entryTime = ReportDecisionMap.Time(t.EntryNs);
        if (!bySymbol.TryGetValue(instrument.Symbol, out var symbol) || entryTime < from || entryTime > to)
        {
            return;
        }

        long[] structureIds = [];
        string[] justification = [];
        var (stop, target) = (t.Stop, t.Target);
        if (_signals.TryGetValue(t.SignalId, out var signal))
        {
            structureIds = signal.StructureIds;
            justification = [.. structureIds.Select(id => Describe(id, signal))];
            stop = stop != 0 ? stop : signal.Stop;
            target = target != 0 ? target : signal.Target;
        }

        decimal? r = null;
        if (t.ExitNs is not null && stop != 0 && stop != t.Entry)
        {
            r = decimal.Round((t.Exit - t.Entry) * (decimal)t.Side / Math.Abs(t.Entry - stop), 2);
        }

        symbol.Trades.Add(new ReportTrade(
            t.Id, instrument.Symbol, t.Side, entryTime, ReportDecisionMap.Px(t.Entry, instrument),
            t.ExitNs is { } x ? ReportDecisionMap.Time(x) : null, t.ExitNs is null ? null : ReportDecisionMap.Px(t.Exit, instrument),
            ReportDecisionMap.Lots(t.Volume, instrument), stop != 0 ? ReportDecisionMap.Px(stop, instrument) : null,
            target != 0 ? ReportDecisionMap.Px(target, instrument) : null, ReportDecisionMap.Money(t.NetMicros), r, structureIds)
        {
            ExitReason = t.Reason == CloseReason.None ? null : t.Reason.ToString(),
            Justification = justification,
        });
    }

    /// <summary><c>bias: BOS↑ H1 05-02 09:30</c>: the cited structure's role in the signal, what it is, and when.</summary>
    private string Describe(long id, (long Stop, long Target, long[] StructureIds, long Bias, long Trigger, long Zone) signal)
    {
        var role = id == signal.Bias ? "bias" : id == signal.Trigger ? "trigger" : id == signal.Zone ? "zone" : "cites";
        var inv = CultureInfo.InvariantCulture;
        foreach (var s in _symbols.Values)
        {
            if (s.Breaks.FirstOrDefault(b => b.Id == id) is { } b)
            {
                return $"{role}: {b.Label} {Tf(b.Timeframe)} {b.To.ToString("MM-dd HH:mm", inv)}";
            }

            if (s.Zones.FirstOrDefault(z => z.Id == id) is { } z)
            {
                var kind = z.Kind switch { ZoneKind.OrderBlock => "OB", ZoneKind.FairValueGap => "FVG", _ => "breaker" };
                var fmt = "F" + s.Digits.ToString(inv);
                return $"{role}: {(z.Direction > 0 ? "bullish" : "bearish")} {kind} {Tf(z.Timeframe)} {z.Start.ToString("MM-dd HH:mm", inv)} "
                    + $"{z.Bottom.ToString(fmt, inv)}–{z.Top.ToString(fmt, inv)}";
            }
        }

        return $"{role}: #{id.ToString(inv)}";

        static string Tf(int seconds) => ChartRenderer.TimeframeName(seconds);
    }

    /// <summary>
    /// Balance after every fill and close (docs/RISK.md's rebuild rule), equity where the journal carries it
    /// (TradingStateChanged, LimitBreached; else equity = balance), and the limit levels: daily loss below each
    /// trading day's start balance (days start at midnight in <see cref="DailyResetTimeZone"/>), max loss below the
    /// initial balance.
    /// </summary>
    private void AddEquity(ReportModel model, DateTime runStart)
    {
        if (InitialBalance is not { } initial)
        {
            return;
        }

        var schedule = new DailyResetSchedule(DailyResetTimeZone);
        var balance = initial;
        var dayStart = initial;
        var equity = initial;
        var nextReset = _firstNs == long.MaxValue ? long.MaxValue : schedule.NextResetNs(_firstNs);
        model.Equity.Add(Point(runStart, initial, initial));
        foreach (var (timeNs, delta, snapshot) in _account)
        {
            AddResets(timeNs);

            balance += ReportDecisionMap.Money(delta);
            equity = balance;
            if (snapshot is { } s)
            {
                (balance, equity, dayStart) = (ReportDecisionMap.Money(s.BalanceMicros), ReportDecisionMap.Money(s.EquityMicros), ReportDecisionMap.Money(s.DayStartMicros));
            }

            model.Equity.Add(Point(ReportDecisionMap.Time(timeNs), balance, equity));
        }

        if (_lastNs != long.MinValue)
        {
            AddResets(_lastNs);
        }

        // A point at every trading-day start inside the run, so the daily-loss level steps where the risk stage's does.
        void AddResets(long untilNs)
        {
            while (nextReset <= untilNs)
            {
                dayStart = balance;
                model.Equity.Add(Point(ReportDecisionMap.Time(nextReset), balance, equity));
                nextReset = schedule.NextResetNs(nextReset);
            }
        }

        EquityPoint Point(DateTime time, decimal bal, decimal eq) =>
            new(time, bal, eq, DailyLossLimit is { } d ? dayStart - d : null, MaxLossLimit is { } m ? initial - m : null);
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

    /// <summary>A position in raw units, between the journal's fields and a <see cref="ReportTrade"/>.</summary>
    private readonly record struct RawTrade(
        int SymbolId, long Id, int Side, long EntryNs, long Entry, long? ExitNs, long Exit, long Volume, long Stop, long Target,
        long NetMicros, long SignalId, CloseReason Reason);
}
