using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>What every group processor needs besides its chain and wait strategy.</summary>
internal sealed record GroupProcessorSetup<T>(
    Pipeline<T> Pipeline,
    RingBuffer<T> Ring,
    SequenceBarrier Barrier,
    WaitSignal? Signal,
    int MaxBatchSize,
    FaultPolicy Policy,
    bool LockstepBackoff,
    StageSpec<T>[] Stages,
    int YieldSpinTries)
    where T : struct;
