using IctEngine.Execution;
using IctEngine.Ring;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Validation;

namespace IctEngine.Replay;

/// <summary>
/// Everything that shapes the engine's decisions and its pipeline, in one object: what a configuration file
/// binds to and what a run records in its RunStarted event. Threading, wait strategy and ring size change speed,
/// never decisions.
/// </summary>
public sealed class EngineSettings
{
    public ValidationOptions Validation { get; init; } = new();

    public SmcOptions Smc { get; init; } = new();

    public RiskOptions Risk { get; init; } = new();

    public ExecutionOptions Execution { get; init; } = new();

    /// <summary>
    /// Stage-to-thread mapping: <c>fused</c> (one consumer thread; fastest on 2 cores), <c>threads</c> (validation,
    /// smc, risk+execution and journal each on a thread) or explicit groups such as <c>validation,smc|risk,execution|journal</c>.
    /// Risk and execution share the account, so they always share a thread.
    /// </summary>
    public string Threading { get; init; } = "fused";

    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.Yielding;

    /// <summary>
    /// Pin the ring's consumer threads to the last CPUs and the journal's writer to CPU 0, so the decision path keeps
    /// its core to itself (the way to a tight p99 on a small machine; see docs/PERFORMANCE.md). Off by default: a
    /// desktop sharing its cores with MetaTrader is better left to the scheduler.
    /// </summary>
    public bool PinThreads { get; init; }

    /// <summary>
    /// With <see cref="PinThreads"/>: the CPUs of the consumer thread groups, in group order (cycled when there are
    /// more groups). Null: the last CPUs. Pick CPUs that do not take the disk's and network card's interrupts
    /// (<c>/proc/interrupts</c>): an interrupt handled on the consumer's core stalls the decision path.
    /// </summary>
    public int[]? ConsumerCpus { get; init; }

    /// <summary>With <see cref="PinThreads"/>: the CPU of the journal's writer thread. Null: CPU 0.</summary>
    public int? WriterCpu { get; init; }

    public int RingSize { get; init; } = 1 << 16;

    /// <summary>Capacity of each stage's decision queue (power of two).</summary>
    public int DecisionQueueCapacity { get; init; } = 1 << 16;

    /// <summary>One slot in 2^n gets its stage latencies measured.</summary>
    public int LatencySampleShift { get; init; } = 6;
}
