using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Ring;
using Serilog;

namespace IctEngine.Pipeline;

/// <summary>
/// A ring of preallocated <typeparamref name="T"/> slots consumed by sequential stages, grouped onto threads (one
/// stage per thread, or several fused on one). Producers claim a slot (<see cref="Next()"/>), fill it through the
/// indexer and publish it; stage k sees a slot only after stage k-1 released it. Built by
/// <see cref="PipelineBuilder{T}"/>.
/// </summary>
/// <typeparam name="T">The slot type.</typeparam>
public sealed class Pipeline<T>
    where T : struct
{
    // A readable SourceContext: the generic type's full name would carry assembly-qualified arguments.
    private static readonly ILogger Logger = Log.ForContext(Serilog.Core.Constants.SourceContextPropertyName, "IctEngine.Pipeline.Pipeline");

    private const int LogFirstFaults = 100;
    private const int LogEvery = 10_000;

    private readonly RingBuffer<T> _ring;
    private readonly SingleProducerSequencer? _single;
    private readonly MultiProducerSequencer? _multi;
    private readonly Sequencer _sequencer;
    private readonly WaitSignal? _signal;
    private readonly GroupProcessor[] _groups;
    private readonly int[] _stageGroup;
    private readonly string[] _stageNames;
    private readonly Action<PipelineFault>? _onFault;
    private readonly Lock _lifecycleLock = new();
    private readonly int[]? _cpus;
    private CpuReservation? _reservation;
    private Thread[] _threads = [];
    private volatile PipelineState _state;
    private long _faults;

    internal Pipeline(PipelineBuilder<T> builder)
    {
        _ring = new RingBuffer<T>(builder.RingSize);
        _signal = builder.Wait == WaitStrategyKind.Blocking || builder.ProducerWait == WaitStrategyKind.Blocking ? new WaitSignal() : null;
        if (builder.Producer == ProducerType.Single)
        {
            _sequencer = _single = new SingleProducerSequencer(builder.RingSize, builder.ProducerWait, _signal);
        }
        else
        {
            _sequencer = _multi = new MultiProducerSequencer(builder.RingSize, builder.ProducerWait, _signal);
        }

        _onFault = builder.FaultCallback;
        _cpus = builder.Cpus;
        var groups = builder.ResolveGroups();
        _groups = new GroupProcessor[groups.Count];
        _stageNames = new string[builder.Stages.Count];
        _stageGroup = new int[builder.Stages.Count];
        var dependency = _sequencer.Cursor;
        var stageIndex = 0;
        var yieldSpin = YieldingWaitStrategy.SpinTriesFor(groups.Count + 1, Environment.ProcessorCount); // + producer
        for (var g = 0; g < groups.Count; g++)
        {
            var stages = groups[g];
            var chain = ChainBox<T>.Empty;
            for (var i = stages.Length - 1; i >= 0; i--)
            {
                chain = chain.PrependStage(stages[i], i);
            }

            var barrier = new SequenceBarrier(dependency, g == 0 ? _multi : null);
            var setup = new GroupProcessorSetup<T>(this, _ring, barrier, _signal, builder.MaxBatchSize, builder.Policy, builder.LockstepBackoff, stages, yieldSpin);
            _groups[g] = chain.CreateProcessor(setup, builder.Wait, _signal);
            foreach (var stage in stages)
            {
                _stageNames[stageIndex] = stage.Name;
                _stageGroup[stageIndex++] = g;
            }

            dependency = _groups[g].Sequence;
        }

        _sequencer.SetGatingSequences(dependency);
        Policy = builder.Policy;
        WaitStrategy = builder.Wait;
        ProducerWait = builder.ProducerWait;
        Producer = builder.Producer;
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _ring.Size;

    public ProducerType Producer { get; }

    public WaitStrategyKind WaitStrategy { get; }

    /// <summary>How a producer waits for a free slot when the ring is full.</summary>
    public WaitStrategyKind ProducerWait { get; }

    public FaultPolicy Policy { get; }

    public PipelineState State => _state;

    /// <summary>Stage names in ring order.</summary>
    public IReadOnlyList<string> StageNames => _stageNames;

    /// <summary>The thread groups, each a list of stage names (configuration as resolved).</summary>
    public IReadOnlyList<IReadOnlyList<string>> ThreadGroups => Array.ConvertAll(_groups, g => (IReadOnlyList<string>)g.StageNames);

    /// <summary>The highest sequence below which every slot is published.</summary>
    public long Published => _sequencer.Published;

    /// <summary>Slots published and not yet released by the last stage (ring occupancy; a metric).</summary>
    public long Occupancy => _sequencer.Occupancy;

    /// <summary>Faults reported since the pipeline was built.</summary>
    public long FaultCount => Interlocked.Read(ref _faults);

    /// <summary>Times a publisher had to wake a sleeping thread (blocking strategy; a metric).</summary>
    public long WakeUps => _signal?.WakeUps ?? 0;

    /// <summary>The slot of a claimed sequence: fill it between <see cref="Next()"/> and <see cref="Publish(long)"/>.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _ring[sequence];
    }

    /// <summary>The last slot stage <paramref name="stage"/> released (all stages of a fused group move together).</summary>
    public long StageSequence(int stage) => _groups[_stageGroup[stage]].Sequence.Value;

    /// <summary>Published slots stage <paramref name="stage"/> has not released yet (per-stage lag; a metric).</summary>
    public long StageLag(int stage) => Math.Max(0, Published - StageSequence(stage));

    /// <summary>Claims the next slot; waits while the ring is full (backpressure, never overwrites).</summary>
    /// <exception cref="InvalidOperationException">The ring is full and the pipeline halted on a fault.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next() => _single is { } single ? single.Next() : _multi!.Next();

    /// <summary>Claims <paramref name="count"/> consecutive slots and returns the highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Next(int count) => _single is { } single ? single.Next(count) : _multi!.Next(count);

    /// <summary>Publishes one claimed slot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long sequence)
    {
        if (_single is { } single)
        {
            single.Publish(sequence);
        }
        else
        {
            _multi!.Publish(sequence);
        }
    }

    /// <summary>Publishes the claimed slots <paramref name="low"/>..<paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Publish(long low, long high)
    {
        if (_single is { } single)
        {
            single.Publish(low, high);
        }
        else
        {
            _multi!.Publish(low, high);
        }
    }

    /// <summary>Starts one thread per group. After a halt, every stage resumes exactly where it stopped.</summary>
    public void Start()
    {
        lock (_lifecycleLock)
        {
            if (_state == PipelineState.Running)
            {
                throw new InvalidOperationException("The pipeline is already running.");
            }

            if (Array.Exists(_threads, t => t.IsAlive))
            {
                throw new InvalidOperationException("A stage thread from the last run has not stopped (halt timed out); cannot restart.");
            }

            _sequencer.ClearAbort();
            foreach (var group in _groups)
            {
                group.Barrier.ClearAlert();
            }

            if (_cpus is not null)
            {
                // Before the stage threads exist: they inherit the narrowed mask, then pin themselves.
                _reservation = CpuReservation.Reserve(_cpus);
                Logger.Information("Stage threads pinned to CPU(s) {Cpus}; {Moved} other thread(s) of the process moved off them",
                    string.Join(",", _cpus.Distinct()), _reservation.ThreadsMoved);
            }

            _threads = new Thread[_groups.Length];
            for (var g = 0; g < _groups.Length; g++)
            {
                var group = _groups[g];
                var cpu = _cpus is null ? -1 : _cpus[g % _cpus.Length];
                _threads[g] = new Thread(() => RunGroup(group, cpu)) { IsBackground = true, Name = "ring:" + group.Name };
            }

            _state = PipelineState.Running;
            foreach (var thread in _threads)
            {
                thread.Start();
            }

            Logger.Information(
                "Pipeline started: {Stages} on {Groups} thread(s), {Producer} producer ({ProducerWait} when full), {Wait} wait, ring {Size}",
                string.Join(" > ", _stageNames), _groups.Length, Producer, ProducerWait, WaitStrategy, Capacity);
        }
    }

    /// <summary>
    /// Waits until every slot published before the call has passed every stage. False on timeout, or when the
    /// pipeline is not running (halted or faulted), since then it cannot drain. Stop producers first.
    /// </summary>
    public bool Drain(TimeSpan timeout)
    {
        var target = _sequencer.Published;
        var last = _groups[^1].Sequence;
        var clock = Stopwatch.StartNew();
        var spinner = default(SpinWait);
        while (last.Value < target)
        {
            if (_state != PipelineState.Running || clock.Elapsed > timeout)
            {
                return last.Value >= target;
            }

            spinner.SpinOnce(sleep1Threshold: 30);
        }

        return true;
    }

    /// <summary>
    /// Stops every group after its current batch and waits for the threads to finish (lifecycle shutdown hooks
    /// included). Slots not yet processed stay in the ring for a restart. False if a thread did not stop in time.
    /// </summary>
    public bool Halt(TimeSpan timeout)
    {
        lock (_lifecycleLock)
        {
            AlertAll();
            var clock = Stopwatch.StartNew();
            var stopped = true;
            foreach (var thread in _threads)
            {
                if (thread == Thread.CurrentThread)
                {
                    continue; // halting from a stage's own thread (e.g. the fault callback): it exits by itself
                }

                var left = timeout - clock.Elapsed;
                stopped &= thread.Join(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }

            if (_state == PipelineState.Running)
            {
                _state = PipelineState.Halted;
            }

            if (stopped)
            {
                _reservation?.Dispose();
                _reservation = null;
            }

            if (!stopped)
            {
                Logger.Error("Pipeline halt timed out after {Timeout}: a stage is stuck in its handler", timeout);
            }

            return stopped;
        }
    }

    /// <summary>Halts, waiting up to 10 s for the threads.</summary>
    public bool Halt() => Halt(TimeSpan.FromSeconds(10));

    /// <summary>Drains (every published slot reaches every stage) then halts, both within <paramref name="timeout"/>. True when fully drained.</summary>
    public bool Shutdown(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var drained = Drain(timeout);
        var left = timeout - clock.Elapsed;
        var halted = Halt(left > TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        if (!drained)
        {
            Logger.Warning("Pipeline shut down without draining: {Lag} slot(s) left in the ring", Occupancy);
        }

        return drained && halted;
    }

    internal void ReportFault(string stage, long sequence, Exception exception, FaultPolicy action)
    {
        // A handler that fails on every slot under log-and-skip must not flood the log: the first faults are logged
        // in full, then one in every LogEvery (the callback still sees each one).
        var count = Interlocked.Increment(ref _faults);
        if (count <= LogFirstFaults || count % LogEvery == 0)
        {
            Logger.Error(exception, "Stage {Stage} faulted at sequence {Sequence}: {Action} (fault {Count})", stage, sequence, action, count);
        }

        try
        {
            _onFault?.Invoke(new PipelineFault(stage, sequence, exception, action));
        }
        catch (Exception callbackError)
        {
            Logger.Error(callbackError, "The pipeline fault callback threw");
        }
    }

    internal void OnGroupHalted(GroupProcessor group, long sequence)
    {
        _state = PipelineState.Faulted;
        _sequencer.Abort($"stage {group.Name} faulted at sequence {sequence}");
        AlertAll();
    }

    private void AlertAll()
    {
        foreach (var group in _groups)
        {
            group.Barrier.Alert();
        }

        _signal?.WakeAll();
    }

    private void RunGroup(GroupProcessor group, int cpu)
    {
        if (cpu >= 0 && !CpuAffinity.TryPinCurrentThread(cpu))
        {
            Logger.Warning("Could not pin thread group {Group} to CPU {Cpu}; it runs unpinned", group.Name, cpu);
        }

        var started = 0;
        try
        {
            for (; started < group.Lifecycles.Length; started++)
            {
                group.Lifecycles[started]?.OnStart();
            }

            group.Run();
        }
        catch (Exception ex)
        {
            var stage = group.StageNames[Math.Min(started, group.StageNames.Length - 1)];
            ReportFault(stage, -1, ex, FaultPolicy.Halt);
            OnGroupHalted(group, group.Sequence.Value + 1);
        }
        finally
        {
            for (var i = 0; i < started; i++)
            {
                try
                {
                    group.Lifecycles[i]?.OnShutdown();
                }
                catch (Exception ex)
                {
                    ReportFault(group.StageNames[i], -1, ex, FaultPolicy.LogAndSkip);
                }
            }
        }
    }
}
