using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;
using IctEngine.Validation;
using Serilog;

namespace IctEngine.Replay;

/// <summary>
/// The engine's decision path assembled on the ring: validation → SMC → risk → execution → journal, with the
/// queues between them, the shared account, the broker and the sampled latency recorder. Replay, the live host
/// and the pipeline benchmark all build the engine through this one type, so they run the same code.
/// </summary>
public sealed class TradingPipeline : IDisposable
{
    public static readonly string[] StageNames = ["validation", "smc", "risk", "execution", "journal"];

    private const int PublishChunk = 1024;
    private static readonly ILogger Logger = Log.ForContext<TradingPipeline>();

    private readonly Pipeline<EngineEvent> _pipeline;
    private readonly long _sampleMask;
    private readonly List<PipelineFault> _faults = [];

    /// <param name="catalog">The instruments; ticks carry their ids.</param>
    /// <param name="settings">Stage options and pipeline shape.</param>
    /// <param name="store">Where decisions are journaled; null for a dry run that only hashes them.</param>
    /// <param name="runId">The run's id (stream names).</param>
    /// <param name="broker">The broker; null for the simulated broker (replay).</param>
    /// <param name="producer">Single for replay; multi when feeds, broker reports and timers publish (live).</param>
    public TradingPipeline(InstrumentCatalog catalog, EngineSettings settings, IEventStore? store, string runId,
        IBroker? broker = null, ProducerType producer = ProducerType.Single)
    {
        Catalog = catalog;
        Settings = settings;
        RunId = runId;
        settings.Smc.Validate();
        EnsureRiskAndExecutionShareAThread(settings.Threading);

        var queues = new SpscQueue<Decision>[4];
        for (var i = 0; i < queues.Length; i++)
        {
            queues[i] = new SpscQueue<Decision>(settings.DecisionQueueCapacity);
        }

        var signals = new SpscQueue<Signal>(1 << 12);
        var orders = new SpscQueue<OrderRequest>(1 << 12);
        Account = new AccountState(catalog, settings.Risk.InitialBalance, settings.Risk.AccountCurrency, settings.Risk.Leverage);
        Broker = broker ?? new SimulatedBroker(settings.Execution, catalog);
        Validation = new ValidationStage(catalog, settings.Validation, queues[(int)PipelineStage.Validation]);
        Smc = new SmcStage(catalog, settings.Smc, queues[(int)PipelineStage.Smc], signals);
        Risk = new RiskStage(settings.Risk, Account, signals, orders, queues[(int)PipelineStage.Risk]);
        Execution = new ExecutionStage(settings.Execution, Account, Broker, orders, queues[(int)PipelineStage.Execution]);
        Hasher = new DecisionHasher();
        Writer = store is null
            ? null
            : new JournalWriter(store, new JournalWriterOptions
            {
                RunId = runId,
                SymbolName = id => (uint)id < (uint)catalog.Count ? catalog[id].Symbol : null,
                WriterCpu = settings.PinThreads ? settings.WriterCpu ?? 0 : null,
            });
        Journal = new JournalStage(queues, Writer, Hasher);
        Latency = new LatencySampler(StageNames, settings.LatencySampleShift);
        _sampleMask = (1L << settings.LatencySampleShift) - 1;

        var builder = new PipelineBuilder<EngineEvent>(settings.RingSize, producer, settings.WaitStrategy)
            .Then(new TimedHandler<ValidationHandler>(new ValidationHandler(Validation), Latency, 0), StageNames[0])
            .Then(new TimedHandler<SmcHandler>(new SmcHandler(Smc), Latency, 1), StageNames[1])
            .Then(new TimedHandler<RiskHandler>(new RiskHandler(Risk), Latency, 2), StageNames[2])
            .Then(new TimedHandler<ExecutionHandler>(new ExecutionHandler(Execution), Latency, 3), StageNames[3])
            .Then(new TimedHandler<JournalHandler>(new JournalHandler(Journal), Latency, 4), StageNames[4])
            .WithThreadGroups(ThreadGroupSpec(settings.Threading))
            .WithProducerWait(ProducerWaitFor(settings.WaitStrategy))
            .WithFaultPolicy(FaultPolicy.Halt)
            .OnFault(OnFault);
        if (settings.PinThreads)
        {
            builder.WithCpuAffinity(ConsumerCpus(settings));
        }

        _pipeline = builder.Build();
    }

    public InstrumentCatalog Catalog { get; }

    /// <summary>
    /// How the producer waits when the ring is full: it sleeps, unless the consumers block (then it blocks too). A
    /// full ring means the stages are the bottleneck and will not free a lap's worth of slots for milliseconds (65,536
    /// slots at ~100 ns each); a producer that kept spinning and yielding there took half of a core from the journal's
    /// writer thread on a 2-core machine. Replay into SQLite, long .ticks, 2M ticks: fused 5.6 -> 7.5 M ticks/s (1.33x),
    /// four threads 1.25x, two groups 1.08x (docs/PERFORMANCE.md). A live feed never fills the ring in normal operation.
    /// </summary>
    public static WaitStrategyKind ProducerWaitFor(WaitStrategyKind consumers) =>
        consumers == WaitStrategyKind.Blocking ? WaitStrategyKind.Blocking : WaitStrategyKind.Sleeping;

    /// <summary>The CPU of each consumer group when threads are pinned: the configured ones, cycled, or the last CPUs.</summary>
    public static int[] ConsumerCpus(EngineSettings settings)
    {
        var groups = GroupCount(settings.Threading);
        if (settings.ConsumerCpus is not { Length: > 0 } chosen)
        {
            return CpuAffinity.ConsumerCpus(groups, Environment.ProcessorCount);
        }

        var cpus = new int[groups];
        for (var g = 0; g < groups; g++)
        {
            cpus[g] = chosen[g % chosen.Length];
        }

        return cpus;
    }

    public EngineSettings Settings { get; }

    public string RunId { get; }

    public AccountState Account { get; }

    public IBroker Broker { get; }

    public ValidationStage Validation { get; }

    public SmcStage Smc { get; }

    public RiskStage Risk { get; }

    public ExecutionStage Execution { get; }

    public JournalStage Journal { get; }

    public JournalWriter? Writer { get; }

    public DecisionHasher Hasher { get; }

    public LatencySampler Latency { get; }

    public Pipeline<EngineEvent> Ring => _pipeline;

    /// <summary>
    /// Whether published ticks are stamped for the latency sampler (default true). A benchmark turns it off while
    /// it warms the engine up, so that the percentiles describe the steady state. Producer thread only.
    /// </summary>
    public bool SampleLatency { get; set; } = true;

    /// <summary>Faults reported by the stages (the pipeline halts on the first).</summary>
    public IReadOnlyList<PipelineFault> Faults
    {
        get
        {
            lock (_faults)
            {
                return [.. _faults];
            }
        }
    }

    public void Start() => _pipeline.Start();

    /// <summary>Publishes ticks in chunks; waits (backpressure) when the ring is full. Allocation-free.</summary>
    public void PublishTicks(ReadOnlySpan<Tick> ticks)
    {
        while (!ticks.IsEmpty)
        {
            var n = Math.Min(ticks.Length, PublishChunk);
            var high = _pipeline.Next(n);
            var low = high - n + 1;
            for (var i = 0; i < n; i++)
            {
                var sequence = low + i;
                ref var e = ref _pipeline[sequence];
                e.Kind = EngineEventKind.Tick;
                e.Tick = ticks[i];
                e.TimeNs = e.Tick.TimeNs;
                e.ClearOutputs();
                e.PublishedAt = (sequence & _sampleMask) == 0 && SampleLatency ? Stopwatch.GetTimestamp() : 0;
            }

            _pipeline.Publish(low, high);
            ticks = ticks[n..];
        }
    }

    /// <summary>Publishes one tick (live feeds).</summary>
    public void PublishTick(in Tick tick) => PublishTicks(new ReadOnlySpan<Tick>(in tick));

    /// <summary>Publishes a timer event: closes due bars and lets time-based rules run without a tick.</summary>
    public void PublishTimer(long timeNs)
    {
        var sequence = _pipeline.Next();
        ref var e = ref _pipeline[sequence];
        e.Kind = EngineEventKind.Timer;
        e.TimeNs = timeNs;
        e.Tick = default;
        e.ClearOutputs();
        e.PublishedAt = 0;
        _pipeline.Publish(sequence);
    }

    /// <summary>Publishes a live broker report (fills, rejects, positions).</summary>
    public void PublishReport(in BrokerReport report)
    {
        var sequence = _pipeline.Next();
        ref var e = ref _pipeline[sequence];
        e.Kind = EngineEventKind.BrokerReport;
        e.Report = report;
        e.TimeNs = report.TimeNs;
        e.Tick = default;
        e.ClearOutputs();
        e.PublishedAt = 0;
        _pipeline.Publish(sequence);
    }

    /// <summary>
    /// Drains every published slot through every stage, flushes the journal and halts the threads, within
    /// <paramref name="timeout"/>. False when something did not finish (a fault or a stalled store).
    /// </summary>
    public bool Complete(TimeSpan timeout)
    {
        var drained = _pipeline.Drain(timeout);
        if (drained)
        {
            Journal.Flush();
        }

        var halted = _pipeline.Halt(timeout);
        return drained && halted && Faults.Count == 0 && Journal.Fault is null;
    }

    public void Dispose()
    {
        if (_pipeline.State == PipelineState.Running)
        {
            _pipeline.Halt(TimeSpan.FromSeconds(5));
        }

        Writer?.Dispose();
        Hasher.Dispose();
    }

    private void OnFault(PipelineFault fault)
    {
        Logger.Error(fault.Exception, "Stage {Stage} faulted at sequence {Sequence}; the pipeline {Action}",
            fault.Stage, fault.Sequence, fault.Action);
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }

    private static int GroupCount(string threading)
    {
        var spec = ThreadGroupSpec(threading).Trim();
        return spec.Equals("fused", StringComparison.OrdinalIgnoreCase) ? 1 : spec.Split('|').Length;
    }

    /// <summary>"threads" means one thread per stage except risk and execution, which share the account.</summary>
    private static string ThreadGroupSpec(string threading) =>
        threading.Trim().Equals("threads", StringComparison.OrdinalIgnoreCase)
            ? "validation|smc|risk,execution|journal"
            : threading;

    private static void EnsureRiskAndExecutionShareAThread(string threading)
    {
        var spec = ThreadGroupSpec(threading).Trim();
        if (spec.Equals("fused", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var group in spec.Split('|'))
        {
            var stages = group.Split(',', StringSplitOptions.TrimEntries);
            if (Array.IndexOf(stages, "risk") >= 0 != (Array.IndexOf(stages, "execution") >= 0))
            {
                throw new ArgumentException(
                    $"Threading '{threading}': risk and execution share the account and must be in the same thread group.");
            }
        }
    }
}
