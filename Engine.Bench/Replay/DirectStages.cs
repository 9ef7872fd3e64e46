using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Replay;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;
using IctEngine.Validation;

namespace IctEngine.Bench.Replay;

/// <summary>
/// The pipeline's five stages wired as <see cref="TradingPipeline"/> wires them (decision queues, signals, orders, a
/// simulated broker, a journal that hashes and stores nothing), but without a ring: the profiling harnesses call
/// each stage directly on one thread.
/// </summary>
public sealed class DirectStages : IDisposable
{
    private readonly DecisionHasher _hasher = new();

    public DirectStages(InstrumentCatalog catalog, EngineSettings settings)
    {
        Queues = new SpscQueue<Decision>[4];
        for (var i = 0; i < Queues.Length; i++)
        {
            Queues[i] = new SpscQueue<Decision>(settings.DecisionQueueCapacity);
        }

        var signals = new SpscQueue<Signal>(1 << 12);
        Orders = new SpscQueue<OrderRequest>(1 << 12);
        var account = new AccountState(catalog, settings.Risk.InitialBalance, settings.Risk.AccountCurrency, settings.Risk.Leverage);
        Validation = new ValidationStage(catalog, settings.Validation, Queues[0]);
        Smc = new SmcStage(catalog, settings.Smc, Queues[1], signals);
        Risk = new RiskStage(settings.Risk, account, signals, Orders, Queues[2]);
        Execution = new ExecutionStage(settings.Execution, account, new SimulatedBroker(settings.Execution, catalog), Orders, Queues[3]);
        Journal = new JournalStage(Queues, null, _hasher);
    }

    /// <summary>Each stage's decision queue, in stage order (the journal drains them).</summary>
    public SpscQueue<Decision>[] Queues { get; }

    /// <summary>Risk's approved orders, read by execution.</summary>
    public SpscQueue<OrderRequest> Orders { get; }

    public ValidationStage Validation { get; }

    public SmcStage Smc { get; }

    public RiskStage Risk { get; }

    public ExecutionStage Execution { get; }

    public JournalStage Journal { get; }

    /// <summary>Fills a slot with a tick as the ring's publisher does (no publication time: not sampled).</summary>
    public static void LoadTick(ref EngineEvent e, in Tick tick)
    {
        e.Kind = EngineEventKind.Tick;
        e.Tick = tick;
        e.TimeNs = tick.TimeNs;
        e.ClearOutputs();
    }

    public void Dispose() => _hasher.Dispose();
}
