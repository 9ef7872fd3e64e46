using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Host.Configuration;
using IctEngine.Host.Operations;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Ring;
using IctEngine.Risk;
using IctEngine.Ticks;
using Serilog;

namespace IctEngine.Host.Live;

/// <summary>
/// The live engine behind <c>ict run</c>: owns the event store, the trading pipeline (multi-producer ring with the
/// <see cref="Mt5Broker"/>), the tick recordings, the bridge listener and feed, the bar-closing timer and the
/// operations (health, metrics, alerts, status endpoint). <see cref="Start"/> records RunStarted (a replay manifest
/// over the recordings, so the session can be replayed) and opens intake; <see cref="Stop"/> closes intake, drains
/// and flushes the pipeline, closes the recordings and records RunCompleted. Producers into the ring: the bridge
/// session thread (ticks, broker reports) and the timer thread; nothing else publishes.
/// </summary>
public sealed class LiveEngine : IDisposable
{
    private static readonly ILogger Logger = Log.ForContext<LiveEngine>();
    private static readonly TimeSpan TimerPeriod = TimeSpan.FromSeconds(1);
    private static readonly long TimerGraceNs = Timestamp.NanosPerSecond;

    private readonly EngineConfig _config;
    private readonly string _baseDirectory;
    private readonly TickStoreWriter?[] _recorders;
    private readonly ReplayManifest _manifest;
    private readonly Stopwatch _uptime = new();
    private readonly StagePercentileReader _percentiles;
    private Timer? _timer;
    private long _lastTimerNs;
    private long _timers;
    private long _recordedTicks;
    private long _highWaterMicros;
    private string? _haltFile;
    private bool _started;
    private bool _stopped;

    /// <param name="config">The loaded, validated configuration.</param>
    /// <param name="configPath">The configuration file (relative paths in it are relative to its folder).</param>
    /// <param name="runId">The run's id in the store.</param>
    public LiveEngine(EngineConfig config, string configPath, string runId)
    {
        _config = config;
        _baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".";
        RunId = runId;
        Catalog = string.IsNullOrWhiteSpace(config.Instruments)
            ? InstrumentCatalog.Default
            : InstrumentCatalog.Load(Path.Combine(_baseDirectory, config.Instruments));
        Settings = EngineSettingsLoader.FromConfig(config, configPath);
        Store = StoreOptions.Open(ResolveStore(config.Store));
        try
        {
            _recorders = new TickStoreWriter?[Catalog.Count];
            Feed = new BridgeFeed(Catalog, new DeferredPublisher(this), new BridgeFeedOptions
            {
                SymbolAliases = config.Bridge.SymbolAliases,
                StartFromMs = config.Bridge.StartFrom is { } from && Timestamp.TryParse(from, out var t) ? t.UnixNanoseconds / Timestamp.NanosPerMillisecond : 0,
            });
            var inputs = OpenRecordings(config);
            _manifest = new ReplayManifest { Inputs = inputs, Settings = Settings };
            Listener = new BridgeListener(new BridgeListenerOptions
            {
                BindAddress = IPAddress.Parse(config.Bridge.Bind),
                Port = config.Bridge.Port,
                Secret = config.Bridge.ResolvedSecret,
                HeartbeatMs = config.Bridge.HeartbeatMs,
                TimeoutMs = config.Bridge.TimeoutMs,
            }, Feed);
            Broker = new Mt5Broker(Listener, Feed, SystemClock.Instance);
            Pipeline = new TradingPipeline(Catalog, Settings, Store, runId, Broker, ProducerType.Multi);
            _percentiles = new StagePercentileReader(Pipeline.Latency);
            Publisher = new LiveEventPublisher(Pipeline, Broker, _recorders);
            ResumedFrom = LiveRunHistory.Rebuild(Store, runId, Pipeline);

            // Reconcile with the terminal's snapshot at the start of every bridge session, before trading: after a
            // restart that checks what was rebuilt (on a first run it adopts positions of ours the terminal already
            // holds); after a reconnect it takes what the terminal did while the bridge was down.
            Reconciler = new Reconciler(Pipeline.Account, Broker, Pipeline.Execution.Decisions);
            Pipeline.Execution.ReconcileAtMarkers(Reconciler);
            Journal = new OperationsJournal(Store, runId, TradingPipeline.StageNames);
            Operations = new LiveOperations(config, Listener, Feed, OperationsInputs());
        }
        catch
        {
            DisposeRecorders();
            Store.Dispose();
            throw;
        }
    }

    public string RunId { get; }

    public InstrumentCatalog Catalog { get; }

    public EngineSettings Settings { get; }

    public IEventStore Store { get; }

    public TradingPipeline Pipeline { get; }

    public Mt5Broker Broker { get; }

    public BridgeFeed Feed { get; }

    public BridgeListener Listener { get; }

    public LiveEventPublisher Publisher { get; }

    public LiveOperations Operations { get; }

    /// <summary>The earlier live runs whose journals the account, positions and orders were rebuilt from (oldest first).</summary>
    public IReadOnlyList<string> ResumedFrom { get; }

    /// <summary>Compares our state with the terminal's at the first tick of every bridge session.</summary>
    public Reconciler Reconciler { get; }

    public OperationsJournal Journal { get; }

    /// <summary>The recording file of each recorded symbol.</summary>
    public IReadOnlyList<ReplayInput> Recordings => _manifest.Inputs;

    /// <summary>
    /// A file whose appearance halts trading (operator escalation without a signal): <c>touch</c> it and the next
    /// timer tick requests HALTED from risk. Null disables it.
    /// </summary>
    public string? HaltFile
    {
        get => _haltFile;
        init => _haltFile = value is null ? null : Path.Combine(_baseDirectory, value);
    }

    /// <summary>True while the pipeline runs (false after a stage fault halted it).</summary>
    public bool IsRunning => Pipeline.Ring.State == PipelineState.Running;

    /// <summary>Records RunStarted, starts the pipeline, operations, the timer and then the bridge listener.</summary>
    public void Start()
    {
        RunCatalog.RecordStarted(Store, RunId, _manifest.ToJson(), SystemClock.Instance.UtcNowNanos);
        _started = true;
        _uptime.Start();
        Pipeline.Start();
        Listener.Start();
        Operations.Start();
        _timer = new Timer(_ => OnTimer(), null, TimerPeriod, TimerPeriod);
        Logger.Information("Live run {RunId}: {Symbols}, bridge on {Bind}:{Port}, store {Store}, threading {Threading}, recording {Recording}",
            RunId, string.Join(",", _config.Symbols), _config.Bridge.Bind, Listener.Port, Store.Description, Settings.Threading,
            _manifest.Inputs.Count == 0 ? "off" : string.Join(", ", _manifest.Inputs.Select(i => i.Paths[0])));
    }

    /// <summary>The operator's escalation: trading goes to HALTED at the next event (journaled by risk).</summary>
    public void Halt(string reason)
    {
        Logger.Warning("Trading HALTED requested: {Reason}", reason);
        Pipeline.Risk.RequestTradingState(TradingState.Halted);
    }

    /// <summary>
    /// Shuts down in order: stop intake (listener, timer), drain the pipeline and flush the journal, close the
    /// recordings, final operations pass, RunCompleted. Returns the time taken. Safe to call once; later calls return zero.
    /// </summary>
    public TimeSpan Stop(TimeSpan drainTimeout)
    {
        if (_stopped || !_started)
        {
            _stopped = true;
            return TimeSpan.Zero;
        }

        _stopped = true;
        var watch = Stopwatch.StartNew();
        ShutdownCoordinator.RunStep("stop intake", () =>
        {
            Listener.Stop();
            if (_timer is { } timer)
            {
                using var done = new ManualResetEvent(false);
                if (timer.Dispose(done))
                {
                    done.WaitOne(TimeSpan.FromSeconds(1));
                }
            }
        });
        var completed = false;
        ShutdownCoordinator.RunStep("drain pipeline", () => completed = Pipeline.Complete(drainTimeout));
        ShutdownCoordinator.RunStep("close recordings", DisposeRecorders);
        ShutdownCoordinator.RunStep("operations", Operations.Dispose);
        var elapsed = watch.Elapsed;
        ShutdownCoordinator.RunStep("run completed", () => RunCatalog.RecordCompleted(Store, RunId, Summary(completed, elapsed), SystemClock.Instance.UtcNowNanos));
        elapsed = watch.Elapsed;
        Logger.Information("Live run {RunId} stopped in {Ms} ms (drained {Completed}); {Ticks} ticks, {Reports} broker reports",
            RunId, (long)elapsed.TotalMilliseconds, completed, Publisher.Ticks, Publisher.Reports);
        return elapsed;
    }

    public void Dispose()
    {
        Stop(TimeSpan.FromSeconds(2));
        DisposeRecorders();
        Pipeline.Dispose();
        Listener.Dispose();
        Store.Dispose();
    }

    /// <summary>The trading state and account against the limits, for the status page and <c>/health</c>.</summary>
    public TradingSnapshot Trading()
    {
        var account = Pipeline.Account;
        var risk = Settings.Risk;
        var equity = account.EquityMicros;
        var high = Math.Max(Interlocked.Read(ref _highWaterMicros), equity);
        Interlocked.Exchange(ref _highWaterMicros, high);
        return new TradingSnapshot(
            Pipeline.Risk.State.ToString().ToUpperInvariant(),
            new Money(account.BalanceMicros).ToDecimal(),
            new Money(equity).ToDecimal(),
            new Money(Pipeline.Risk.DayStartBalanceMicros).ToDecimal(),
            risk.InitialBalance * risk.DailyLossPercent / 100m,
            risk.InitialBalance * risk.MaxLossPercent / 100m,
            new Money(high).ToDecimal(),
            account.PositionCount);
    }

    private LiveOperationsInputs OperationsInputs()
    {
        var lags = new Dictionary<string, Func<double>>();
        for (var i = 0; i < TradingPipeline.StageNames.Length; i++)
        {
            var stage = i;
            lags[TradingPipeline.StageNames[i]] = () => Pipeline.Ring.StageLag(stage);
        }

        return new LiveOperationsInputs
        {
            Trading = Trading,
            RingOccupancyPercent = () => Pipeline.Ring.Occupancy * 100d / Pipeline.Ring.Capacity,
            StageLag = lags,
            JournalBacklog = () => Pipeline.Writer?.Backlog ?? 0,
            LatencyP99Ms = LatencyP99Ms,
            RefreshMetrics = RefreshMetrics,
            AlertChanged = Journal.Alert,
            HealthChanged = (previous, current) => Journal.Health(previous, current, SystemClock.Instance.UtcNowNanos),
            Escalate = reason => Halt("recovery gave up: " + reason),
        };
    }

    /// <summary>End-to-end p99 (publication to the end of the last stage) from the sampled latencies.</summary>
    private double LatencyP99Ms() => P99Ns(TradingPipeline.StageNames.Length - 1) is var ns && ns < 0 ? double.NaN : ns / 1e6;

    private long P99Ns(int stage) => _percentiles.P99Ns(stage);

    private void RefreshMetrics(EngineMetrics m)
    {
        m.RingOccupancy.Set((double)Pipeline.Ring.Occupancy / Pipeline.Ring.Capacity);
        m.JournalLag.Set(Pipeline.Writer?.Backlog ?? 0);
        var t = Trading();
        m.Equity.Set((double)t.Equity);
        m.Balance.Set((double)t.Balance);
        m.DailyDrawdown.Set((double)t.DailyLoss);
        m.DailyLossLimit.Set((double)t.DailyLossLimit);
        m.MaxDrawdown.Set((double)t.Drawdown);
        m.MaxDrawdownLimit.Set((double)t.MaxDrawdownLimit);
        m.RealizedPnl.Set((double)(t.Balance - Settings.Risk.InitialBalance));
        EngineMetrics.AdvanceTo(m.Orders.WithLabels("entry_or_close"), Pipeline.Execution.NextClientOrderId - Settings.Execution.FirstClientOrderId);
        EngineMetrics.AdvanceTo(m.Fills, Broker.Fills);
        EngineMetrics.AdvanceTo(m.OrderRejects, Broker.Rejects + Broker.LocalRejects);
        for (var i = 0; i < TradingPipeline.StageNames.Length; i++)
        {
            if (P99Ns(i) is var ns && ns >= 0)
            {
                m.StageLatency.WithLabels(TradingPipeline.StageNames[i]).Observe(ns / 1e9);
            }
        }

        if (_haltFile is not null && File.Exists(_haltFile) && Pipeline.Risk.State != TradingState.Halted)
        {
            Halt($"halt file {_haltFile} present");
        }
    }

    private void OnTimer()
    {
        // Bars close on time without a tick; the grace keeps the timer behind ticks still in flight.
        // Not while a new session awaits its reconciliation: its first tick publishes the marker, then timers resume.
        var now = Publisher.MarketTimeNs() - TimerGraceNs;
        if (now <= 0 || now <= _lastTimerNs || !IsRunning || Publisher.ReconciliationPending)
        {
            return;
        }

        _lastTimerNs = now;
        Pipeline.PublishTimer(now);
        Interlocked.Increment(ref _timers);
    }

    private List<ReplayInput> OpenRecordings(EngineConfig config)
    {
        var inputs = new List<ReplayInput>();
        if (string.IsNullOrWhiteSpace(config.Recording.Path))
        {
            return inputs;
        }

        var folder = Path.Combine(_baseDirectory, config.Recording.Path);
        Directory.CreateDirectory(folder);
        foreach (var symbol in config.Symbols)
        {
            var instrument = Catalog.Get(symbol);
            SeedCursorFromRecordings(folder, instrument);
            var path = Path.Combine(folder, $"{instrument.Symbol}-{RunId}.ticks");
            _recorders[instrument.Id] = new TickStoreWriter(path, instrument);
            inputs.Add(new ReplayInput(instrument.Symbol, [path], TickFormat.Native));
        }

        return inputs;
    }

    /// <summary>
    /// Resumes a symbol's feed after the last tick an earlier run recorded (its newest recording), so the EA backfills
    /// what was missed while the engine was down and nothing is received twice.
    /// </summary>
    private void SeedCursorFromRecordings(string folder, Instrument instrument)
    {
        var newest = new DirectoryInfo(folder).GetFiles(instrument.Symbol + "-*.ticks")
            .OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault();
        if (newest is null)
        {
            return;
        }

        long lastMs = 0;
        var atLastMs = 0;
        try
        {
            using var reader = TickSources.Open(newest.FullName, TickFormat.Native, instrument);
            var buffer = new Tick[8192];
            int n;
            while ((n = reader.Read(buffer)) > 0)
            {
                for (var i = 0; i < n; i++)
                {
                    var ms = buffer[i].TimeNs / Timestamp.NanosPerMillisecond;
                    atLastMs = ms == lastMs ? atLastMs + 1 : 1;
                    lastMs = ms;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or TickFormatException)
        {
            Logger.Warning(e, "{Symbol}: cannot read the last recording {File}; not resuming from it", instrument.Symbol, newest.FullName);
            return;
        }

        if (lastMs > 0)
        {
            Feed.SeedCursor(instrument.Id, lastMs, atLastMs);
            Logger.Information("{Symbol}: resuming after the last recorded tick {Time} ({File})", instrument.Symbol,
                new Timestamp(lastMs * Timestamp.NanosPerMillisecond), newest.Name);
        }
    }

    private string ResolveStore(string store)
    {
        const string sqlite = "sqlite:";
        if (store.StartsWith(sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var path = store[sqlite.Length..];
            if (!Path.IsPathRooted(path) && path != ":memory:")
            {
                return sqlite + Path.Combine(_baseDirectory, path);
            }
        }

        return store;
    }

    private string Summary(bool completed, TimeSpan shutdown)
    {
        var latency = Pipeline.Latency.Snapshot();
        var summary = new Dictionary<string, object?>
        {
            ["runId"] = RunId,
            ["mode"] = "live",
            ["store"] = Store.Description,
            ["completed"] = completed,
            ["uptimeSeconds"] = Math.Round(_uptime.Elapsed.TotalSeconds, 3),
            ["shutdownMs"] = Math.Round(shutdown.TotalMilliseconds, 1),
            ["ticksReceived"] = Publisher.Ticks,
            ["ticksRecorded"] = Interlocked.Read(ref _recordedTicks),
            ["brokerReports"] = Publisher.Reports,
            ["timers"] = Interlocked.Read(ref _timers),
            ["orders"] = Pipeline.Execution.NextClientOrderId - Settings.Execution.FirstClientOrderId,
            ["fills"] = Broker.Fills,
            ["bridgeSessions"] = Feed.Statistics.Sessions,
            ["bridgeRefused"] = Listener.Refused,
            ["duplicatesDropped"] = Feed.Statistics.DuplicatesDropped,
            ["duplicateDealsDropped"] = Feed.Statistics.DuplicateDealsDropped,
            ["terminalDeals"] = Feed.Statistics.DealsReceived,
            ["unmatchedExitDeals"] = Broker.UnmatchedExits,
            ["ignoredExitFills"] = Pipeline.Execution.IgnoredExits,
            ["reconciliations"] = Reconciler.Runs,
            ["reconciliationDifferences"] = Reconciler.Differences,
            ["balanceAdjustments"] = Reconciler.BalanceAdjustments,
            ["operationsEvents"] = Journal.Written,
            ["tradingState"] = Pipeline.Risk.State.ToString(),
            ["balance"] = new Money(Pipeline.Account.BalanceMicros).ToDecimal(),
            ["equity"] = new Money(Pipeline.Account.EquityMicros).ToDecimal(),
            ["faults"] = Pipeline.Faults.Count,
            ["resumedFrom"] = ResumedFrom,
            ["decisionsHash"] = Pipeline.Hasher.ToHex(),
            ["stageLatency"] = latency,
            ["endedUtc"] = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.Serialize(summary, ReplayManifest.JsonOptions);
    }

    private void DisposeRecorders()
    {
        for (var i = 0; i < _recorders?.Length; i++)
        {
            if (_recorders[i] is { } recorder)
            {
                Interlocked.Add(ref _recordedTicks, recorder.TickCount);
                recorder.Dispose();
                _recorders[i] = null;
            }
        }
    }

    /// <summary>The feed is built before the pipeline exists (the broker needs the feed); it publishes through this.</summary>
    private sealed class DeferredPublisher(LiveEngine engine) : IEventPublisher
    {
        public void PublishTick(in Tick tick) => engine.Publisher.PublishTick(in tick);

        public void PublishReport(in BrokerReport report) => engine.Publisher.PublishReport(in report);

        public void SessionStarted() => engine.Publisher.SessionStarted();
    }
}
