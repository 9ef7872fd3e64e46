using IctEngine.Ring;

namespace IctEngine.Host.Configuration;

/// <summary>
/// The <c>pipeline</c> section: the shape of the ring for the live engine. The defaults suit a process that idles most
/// of the day next to MT5: one thread for all stages and a blocking wait, so an idle engine uses no CPU.
/// </summary>
public sealed class PipelineConfig
{
    /// <summary><c>fused</c> (one thread), <c>threads</c> (one per stage, risk+execution together) or explicit groups.</summary>
    public string Threading { get; init; } = "fused";

    public WaitStrategyKind WaitStrategy { get; init; } = WaitStrategyKind.Blocking;

    /// <summary>Pin the stage threads to the last CPUs and the journal's writer to CPU 0 (see EngineSettings.PinThreads).</summary>
    public bool PinThreads { get; init; }

    /// <summary>With <see cref="PinThreads"/>: the stage threads' CPUs (see EngineSettings.ConsumerCpus).</summary>
    public int[]? ConsumerCpus { get; init; }

    /// <summary>With <see cref="PinThreads"/>: the journal writer's CPU (see EngineSettings.WriterCpu).</summary>
    public int? WriterCpu { get; init; }

    /// <summary>Ring slots, a power of two ≥ 1024.</summary>
    public int RingSize { get; init; } = 1 << 16;
}
