using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// Wires a <see cref="Pipeline{T}"/>: sequential stages (<see cref="Then{THandler}"/>), how they map onto threads
/// (<see cref="WithThreadGroups(string[][])"/>), the wait strategy and the fault policy. Everything but the
/// handlers is configuration.
/// </summary>
/// <example>
/// <code>
/// var pipeline = new PipelineBuilder&lt;EngineEvent&gt;(65536, ProducerType.Multi, WaitStrategyKind.Yielding)
///     .Then(validation, "validation").Then(smc, "smc").Then(risk, "risk").Then(execution, "execution").Then(journal, "journal")
///     .WithThreadGroups("validation|smc|risk,execution|journal")
///     .WithFaultPolicy(FaultPolicy.Halt).OnFault(fault => ...)
///     .Build();
/// </code>
/// </example>
/// <typeparam name="T">The slot type.</typeparam>
public sealed class PipelineBuilder<T>
    where T : struct
{
    private readonly List<StageSpec<T>> _stages = [];
    private string[][]? _groups;

    /// <param name="ringSize">Slots in the ring: a power of two.</param>
    /// <param name="producer">Single (one publishing thread, no atomics) or multi.</param>
    /// <param name="wait">How consumers wait for slots; also how producers wait for free slots unless <see cref="WithProducerWait"/> says otherwise.</param>
    public PipelineBuilder(int ringSize = 65536, ProducerType producer = ProducerType.Single, WaitStrategyKind wait = WaitStrategyKind.Yielding)
    {
        if (ringSize < 2 || (ringSize & (ringSize - 1)) != 0)
        {
            throw new ArgumentException($"Ring size must be a power of two >= 2 (got {ringSize}).", nameof(ringSize));
        }

        RingSize = ringSize;
        Producer = producer;
        Wait = wait;
        ProducerWait = wait;
        MaxBatchSize = Math.Max(1, ringSize / 4);
    }

    internal int RingSize { get; }

    internal ProducerType Producer { get; }

    internal WaitStrategyKind Wait { get; }

    internal WaitStrategyKind ProducerWait { get; private set; }

    internal int MaxBatchSize { get; private set; }

    internal FaultPolicy Policy { get; private set; } = FaultPolicy.Halt;

    internal bool LockstepBackoff { get; private set; } = true;

    internal int[]? Cpus { get; private set; }

    internal Action<PipelineFault>? FaultCallback { get; private set; }

    internal IReadOnlyList<StageSpec<T>> Stages => _stages;

    /// <summary>
    /// Adds the next stage. Struct handlers are inlined into the consumer loop; sealed-class handlers are called
    /// through their interface (generic code is shared across reference types), so a hot stage does best as a small
    /// struct that forwards to its class. A handler implementing <see cref="ILifecycleAware"/> gets start/shutdown calls.
    /// </summary>
    public PipelineBuilder<T> Then<THandler>(THandler handler, string name)
        where THandler : IEventHandler<T>
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_stages.Exists(s => s.Name == name))
        {
            throw new ArgumentException($"A stage named '{name}' already exists.", nameof(name));
        }

        _stages.Add(new StageSpec<T, THandler>(handler, name));
        return this;
    }

    /// <summary>
    /// Maps stages onto threads: each group is one thread running its stages in order for every slot. Groups must
    /// list every stage once, in stage order (e.g. <c>[["validation"], ["smc"], ["risk", "execution"], ["journal"]]</c>).
    /// The default is one thread per stage.
    /// </summary>
    public PipelineBuilder<T> WithThreadGroups(params string[][] groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = groups;
        return this;
    }

    /// <summary>
    /// Thread groups from configuration text: <c>"threads"</c> (one thread per stage, the default),
    /// <c>"fused"</c> (all stages on one thread), or groups separated by <c>|</c> with stages separated by
    /// <c>,</c>: <c>"validation|smc|risk,execution|journal"</c>.
    /// </summary>
    public PipelineBuilder<T> WithThreadGroups(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var trimmed = spec.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("threads", StringComparison.OrdinalIgnoreCase))
        {
            _groups = null;
            return this;
        }

        if (trimmed.Equals("fused", StringComparison.OrdinalIgnoreCase))
        {
            _groups = [["*"]];
            return this;
        }

        _groups = Array.ConvertAll(
            trimmed.Split('|', StringSplitOptions.TrimEntries),
            g => g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        return this;
    }

    /// <summary>All stages on one consumer thread (fastest on few cores).</summary>
    public PipelineBuilder<T> Fused() => WithThreadGroups("fused");

    /// <summary>How producers wait when the ring is full (default: the consumers' strategy).</summary>
    public PipelineBuilder<T> WithProducerWait(WaitStrategyKind wait)
    {
        ProducerWait = wait;
        return this;
    }

    /// <summary>Most slots a group processes before publishing its progress (default: a quarter of the ring).</summary>
    public PipelineBuilder<T> WithMaxBatchSize(int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        MaxBatchSize = maxBatchSize;
        return this;
    }

    /// <summary>
    /// Whether a consumer that finds only a couple of slots ready without waiting pauses briefly to let the
    /// producer get ahead (default on; see docs/RING.md). Off restores the plain Disruptor loop, for A/B measurements.
    /// </summary>
    public PipelineBuilder<T> WithLockstepBackoff(bool enabled)
    {
        LockstepBackoff = enabled;
        return this;
    }

    /// <summary>
    /// Pins thread group g to CPU <c>cpus[g % cpus.Length]</c> when it starts (see <see cref="Core.CpuAffinity"/>), so
    /// that a latency-critical consumer keeps its core; off by default.
    /// </summary>
    public PipelineBuilder<T> WithCpuAffinity(params int[] cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        Cpus = cpus.Length == 0 ? null : cpus;
        return this;
    }

    public PipelineBuilder<T> WithFaultPolicy(FaultPolicy policy)
    {
        Policy = policy;
        return this;
    }

    /// <summary>Called on the faulting stage's thread for every fault (after it was logged).</summary>
    public PipelineBuilder<T> OnFault(Action<PipelineFault> callback)
    {
        FaultCallback = callback ?? throw new ArgumentNullException(nameof(callback));
        return this;
    }

    /// <summary>Builds the pipeline (not started).</summary>
    /// <exception cref="ArgumentException">No stages, or thread groups that do not list every stage once, in order.</exception>
    public Pipeline<T> Build()
    {
        if (_stages.Count == 0)
        {
            throw new ArgumentException("A pipeline needs at least one stage (Then).");
        }

        return new Pipeline<T>(this);
    }

    /// <summary>The stages of each thread group, validated.</summary>
    internal List<StageSpec<T>[]> ResolveGroups()
    {
        var result = new List<StageSpec<T>[]>();
        if (_groups is null)
        {
            foreach (var stage in _stages)
            {
                result.Add([stage]);
            }

            return result;
        }

        if (_groups is [["*"]])
        {
            result.Add([.. _stages]);
            return result;
        }

        var expected = 0;
        foreach (var group in _groups)
        {
            if (group is null || group.Length == 0)
            {
                throw new ArgumentException("Thread groups: a group is empty.");
            }

            var stages = new StageSpec<T>[group.Length];
            for (var i = 0; i < group.Length; i++)
            {
                if (expected >= _stages.Count)
                {
                    throw new ArgumentException($"Thread groups: '{group[i]}' is not a stage or is listed twice (stages: {StageList()}).");
                }

                if (_stages[expected].Name != group[i])
                {
                    throw new ArgumentException(
                        $"Thread groups: expected stage '{_stages[expected].Name}' but found '{group[i]}'; groups must list every stage once, in stage order ({StageList()}).");
                }

                stages[i] = _stages[expected++];
            }

            result.Add(stages);
        }

        if (expected != _stages.Count)
        {
            throw new ArgumentException($"Thread groups: stage '{_stages[expected].Name}' is not in any group (stages: {StageList()}).");
        }

        return result;
    }

    private string StageList() => string.Join(", ", _stages.ConvertAll(s => s.Name));
}
