using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Ticks;
using Serilog;

namespace IctEngine.Replay;

/// <summary>
/// Replays recorded ticks through the same pipeline as live (<see cref="TradingPipeline"/>), journals every
/// decision into the store and summarises the run from the journal. The decision path sees only tick time, so
/// the same inputs and settings give the same decisions (and <c>decisionsHash</c>) on every run, with any
/// backend and any threading.
/// </summary>
public sealed class ReplayRunner
{
    private const int ReadBatch = 8192;
    private static readonly ILogger Logger = Log.ForContext<ReplayRunner>();

    private readonly InstrumentCatalog _catalog;

    public ReplayRunner(InstrumentCatalog catalog) => _catalog = catalog;

    /// <summary>Called now and then with the ticks read so far (progress bars).</summary>
    public Action<long>? Progress { get; init; }

    /// <summary>How long draining and flushing may take at the end.</summary>
    public TimeSpan CompletionTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public ReplayResult Run(ReplayManifest manifest, IEventStore store, string runId)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Inputs.Count == 0)
        {
            throw new ArgumentException("A replay needs at least one input.", nameof(manifest));
        }

        var readers = new List<ITickReader>();
        try
        {
            foreach (var input in manifest.Inputs)
            {
                var instrument = _catalog.Get(input.Symbol);
                readers.Add(TickSources.Open(input.Paths, input.Format, instrument,
                    new TickReaderOptions { TimeZone = input.TimeZone, SkipBadLines = input.SkipBadLines }));
            }
        }
        catch
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }

            throw;
        }

        using var merged = new MergedTickReader(readers);
        RunCatalog.RecordStarted(store, runId, manifest.ToJson(), SystemClock.Instance.UtcNowNanos);
        using var pipeline = new TradingPipeline(_catalog, manifest.Settings, store, runId);
        Logger.Information("Replay {RunId}: {Inputs} input(s), threading {Threading}, store {Store}",
            runId, manifest.Inputs.Count, manifest.Settings.Threading, store.Description);

        var buffer = new Tick[ReadBatch];
        long read = 0;
        long firstNs = 0;
        long lastNs = 0;
        var clock = Stopwatch.StartNew();
        pipeline.Start();
        int n;
        while ((n = merged.Read(buffer)) > 0)
        {
            if (read == 0)
            {
                firstNs = buffer[0].TimeNs;
            }

            lastNs = buffer[n - 1].TimeNs;
            pipeline.PublishTicks(buffer.AsSpan(0, n));
            read += n;
            Progress?.Invoke(read);
            if (pipeline.Ring.State != PipelineState.Running)
            {
                break;
            }
        }

        var completed = pipeline.Complete(CompletionTimeout);
        var elapsed = clock.Elapsed;
        var latency = pipeline.Latency.Snapshot();
        var service = pipeline.Latency.ServiceSnapshot();
        var hash = pipeline.Hasher.ToHex();
        var faults = pipeline.Faults;
        if (!completed)
        {
            Logger.Error("Replay {RunId} did not complete: {Faults} fault(s), journal fault {JournalFault}",
                runId, faults.Count, pipeline.Journal.Fault?.Message);
        }

        var metrics = RunMetrics.FromDecisions(RunCatalog.ReadDecisions(store, runId).Select(x => x.Decision), manifest.Settings.Risk.InitialBalance);
        var summary = Summarise(manifest, store, runId, metrics, hash, read, merged.BadLines, firstNs, lastNs, elapsed, latency, service);
        RunCatalog.RecordCompleted(store, runId, summary.ToJson(), SystemClock.Instance.UtcNowNanos);
        return new ReplayResult(summary, completed, faults, pipeline.Journal.Fault);
    }

    private static ReplaySummary Summarise(ReplayManifest manifest, IEventStore store, string runId, RunMetrics m,
        string hash, long read, long badLines, long firstNs, long lastNs, TimeSpan elapsed, IReadOnlyList<StageLatency> latency,
        IReadOnlyList<StageLatency> service)
    {
        var t = m.Trades;
        var symbols = new List<string>();
        foreach (var input in manifest.Inputs)
        {
            symbols.Add(input.Symbol);
        }

        return new ReplaySummary
        {
            RunId = runId,
            Store = store.Description,
            Symbols = symbols,
            Threading = manifest.Settings.Threading,
            TicksRead = read,
            TicksRejected = m.Rejected,
            TicksAccepted = read - m.Rejected,
            RejectsByReason = m.RejectsByReason(),
            BadLines = badLines,
            FeedGaps = m.Tally.Count(DecisionType.FeedGap),
            FirstTickUtc = read > 0 ? new Timestamp(firstNs).ToMillisecondString() : null,
            LastTickUtc = read > 0 ? new Timestamp(lastNs).ToMillisecondString() : null,
            Bars = m.Tally.Count(DecisionType.BarClosed),
            StructureEvents = m.StructureByKind(),
            Signals = m.Signals,
            SignalsExpired = m.Tally.Count(DecisionType.SignalExpired),
            SignalsInvalidated = m.Tally.Count(DecisionType.SignalInvalidated),
            VerdictsApproved = m.Tally.Count(DecisionType.RiskApproved),
            VerdictsDenied = m.Tally.Count(DecisionType.RiskDenied),
            DenialsByReason = m.DenialsByReason(),
            Orders = m.Tally.Count(DecisionType.OrderSubmitted),
            OrdersRejected = m.Tally.Count(DecisionType.OrderRejected),
            OrdersCancelled = m.Tally.Count(DecisionType.OrderCancelled),
            OrdersExpired = m.Tally.Count(DecisionType.OrderExpired),
            Fills = m.Tally.Count(DecisionType.OrderFilled),
            Trades = t.Trades,
            Wins = t.Wins,
            WinRate = decimal.Round(t.WinRate, 4),
            NetPnl = t.NetProfit.ToDecimal(),
            GrossProfit = t.GrossProfit.ToDecimal(),
            GrossLoss = t.GrossLoss.ToDecimal(),
            Commission = t.Commission.ToDecimal(),
            ProfitFactor = decimal.Round(t.ProfitFactor, 4),
            MaxDrawdown = t.MaxDrawdown.ToDecimal(),
            MaxDrawdownPercent = decimal.Round(t.MaxDrawdownFraction * 100m, 4),
            FinalBalance = t.FinalBalance.ToDecimal(),
            FillRatio = decimal.Round(t.FillRatio, 4),
            MeanSlippagePoints = decimal.Round(t.MeanSlippagePoints, 4),
            MaxSlippagePoints = t.MaxSlippagePoints,
            SignalToFillP50Ms = t.LatencyP50.TotalMilliseconds,
            SignalToFillP99Ms = t.LatencyP99.TotalMilliseconds,
            Decisions = m.Decisions,
            DecisionsHash = hash,
            ElapsedSeconds = Math.Round(elapsed.TotalSeconds, 3),
            TicksPerSecond = elapsed.TotalSeconds > 0 ? Math.Round(read / elapsed.TotalSeconds) : 0,
            StageLatency = latency,
            StageService = service,
        };
    }
}
