using System.Runtime.CompilerServices;
using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// The batching consumer of one thread group, specialised by the JIT for its handler chain and wait strategy:
/// waits for the previous group (or the producer), runs every available slot through the chain, publishes its
/// sequence once per batch.
/// </summary>
internal sealed class GroupProcessor<T, TChain, TWait> : GroupProcessor
    where T : struct
    where TChain : struct, IHandlerChain<T>
    where TWait : struct, IWaitStrategy
{
    // Lockstep backoff: a batch under SmallBatchBytes found without waiting starts it; the consumer then pauses
    // until TargetBatchBytes of slots are published or LockstepPauses pauses have passed, re-reading the cursor
    // only every RecheckEvery pauses (each read pulls the producer's cursor line away from it). Chosen by an A/B
    // of four settings, one publish per event, quiet machine (docs/PERFORMANCE.md): 1p1c busy-spin 89 -> 127 M/s.
    private const int SmallBatchBytes = 128;
    private const int TargetBatchBytes = 1024;
    private const int LockstepPauses = 64;
    private const int RecheckEvery = 4;

    private readonly Pipeline<T> _pipeline;
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly WaitSignal? _signal;
    private readonly int _maxBatch;
    private readonly FaultPolicy _policy;
    private readonly bool _lockstepBackoff;
    private readonly long _smallBatch;
    private readonly long _targetBatch;
    private TChain _chain;
    private TWait _wait;

    // After a halting fault: the index in the group of the handler to resume the faulted slot with.
    private int _resumeStage;

    public GroupProcessor(GroupProcessorSetup<T> setup, TChain chain, TWait wait)
        : base(setup.Barrier, Array.ConvertAll(setup.Stages, s => s.Name), Array.ConvertAll(setup.Stages, s => s.Lifecycle))
    {
        _pipeline = setup.Pipeline;
        _ring = setup.Ring;
        _barrier = setup.Barrier;
        _signal = setup.Signal;
        _maxBatch = setup.MaxBatchSize;
        _policy = setup.Policy;
        _chain = chain;
        _wait = wait;
        _lockstepBackoff = setup.LockstepBackoff;
        _smallBatch = Math.Max(2, SmallBatchBytes / Unsafe.SizeOf<T>()); // two cache lines of slots
        _targetBatch = Math.Max(2, TargetBatchBytes / Unsafe.SizeOf<T>()); // sixteen
    }

    public override void Run()
    {
        var next = Sequence.Value + 1;
        var firstStage = _resumeStage;
        _resumeStage = 0;
        while (true)
        {
            var available = _barrier.Available(next);
            if (available < next)
            {
                available = _barrier.WaitFor(next, ref _wait);
            }
            else if (_lockstepBackoff && available - next < _smallBatch)
            {
                available = BackOffInLockstep(next);
            }

            if (available < next)
            {
                if (_barrier.IsAlerted)
                {
                    return;
                }

                continue;
            }

            if (available - next >= _maxBatch)
            {
                available = next + _maxBatch - 1;
            }

            next = firstStage == 0 ? ProcessBatch(next, available) : ProcessResumed(next, firstStage);
            firstStage = 0;
            if (next < 0 || _barrier.IsAlerted)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Slots were there without waiting, but only a few: this consumer is trailing its producer slot by slot, both
    /// hammering the same cache lines (the slow mode of a ring). Pausing until sixteen cache lines of slots are
    /// published (bounded) lets the producer get ahead so the next batch is large. Never taken after a wait, so a
    /// paced (latency-bound) stream is not delayed.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long BackOffInLockstep(long next)
    {
        var target = next + _targetBatch - 1;
        for (var i = 1; i <= LockstepPauses; i++)
        {
            SpinPause.Once();
            if (i % RecheckEvery == 0 && _barrier.Available(next) is var available && available >= target)
            {
                return available;
            }
        }

        return _barrier.Available(next);
    }

    /// <summary>Runs <paramref name="first"/>..<paramref name="last"/> through the chain; returns the next sequence, or -1 to halt.</summary>
    private long ProcessBatch(long first, long last)
    {
        try
        {
            RunRange(first, last);
        }
        catch (Exception ex)
        {
            // Recovered here rather than tracked per event: the slot the first handler started last, and the last
            // handler that started it (only handlers throw in RunRange).
            var sequence = _chain.LastStarted;
            var stage = Math.Max(0, _chain.LastStageStarted(sequence));
            return OnFault(ex, sequence, stage, sequence == last);
        }

        Sequence.Value = last;
        _signal?.Notify();
        return last + 1;
    }

    /// <summary>
    /// The hot loop, kept free of exception handling so the JIT keeps the sequence in a register (a local that a
    /// catch block can see lives on the stack). Per handler and slot the only bookkeeping is the link's store of the
    /// sequence register (no load, no index), from which the catch path recovers where a fault happened.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private void RunRange(long first, long last)
    {
        ref var slots = ref _ring.FirstSlot;
        var mask = _ring.Mask;
        for (var sequence = first; sequence <= last; sequence++)
        {
            _chain.OnEvent(ref Unsafe.Add(ref slots, (nint)(sequence & mask)), sequence, sequence == last);
        }
    }

    /// <summary>Re-delivers the slot a halting fault stopped at, starting with the handler that faulted.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long ProcessResumed(long sequence, int firstStage)
    {
        var stage = firstStage;
        try
        {
            _chain.OnEventFrom(firstStage, ref _ring[sequence], sequence, true, ref stage);
        }
        catch (Exception ex)
        {
            return OnFault(ex, sequence, stage, true);
        }

        Sequence.Value = sequence;
        _signal?.Notify();
        return sequence + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long OnFault(Exception exception, long sequence, int stage, bool endOfBatch)
    {
        while (true)
        {
            _pipeline.ReportFault(StageNames[stage], sequence, exception, _policy);
            if (_policy == FaultPolicy.Halt)
            {
                // Everything before the faulting slot is done by every handler of the group; the slot itself is
                // not released, so nothing published is lost and a restart resumes it at the faulting handler.
                Sequence.Value = sequence - 1;
                _signal?.Notify();
                _resumeStage = stage;
                _pipeline.OnGroupHalted(this, sequence);
                return -1;
            }

            // Log-and-skip: the faulting handler skips this slot; the rest of the group still gets it.
            try
            {
                _chain.OnEventFrom(stage + 1, ref _ring[sequence], sequence, endOfBatch, ref stage);
                break;
            }
            catch (Exception next)
            {
                exception = next;
            }
        }

        Sequence.Value = sequence;
        _signal?.Notify();
        return sequence + 1;
    }
}
