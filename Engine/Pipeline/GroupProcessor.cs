using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// The consumer of one thread group (one or more fused stages): what the pipeline needs to know about it without
/// its generic arguments.
/// </summary>
internal abstract class GroupProcessor(SequenceBarrier barrier, string[] stageNames, ILifecycleAware?[] lifecycles)
{
    /// <summary>The last slot every handler of this group is done with, published once per batch.</summary>
    public Sequence Sequence { get; } = new();

    public SequenceBarrier Barrier { get; } = barrier;

    public string[] StageNames { get; } = stageNames;

    public ILifecycleAware?[] Lifecycles { get; } = lifecycles;

    public string Name => string.Join('+', StageNames);

    /// <summary>The consumer loop; returns when alerted or halted by a fault.</summary>
    public abstract void Run();
}
