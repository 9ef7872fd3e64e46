namespace IctEngine.Pipeline;

/// <summary>What a pipeline does when a stage handler throws. Either way the fault is logged and reported.</summary>
public enum FaultPolicy
{
    /// <summary>
    /// Stop the whole pipeline at the faulting slot (the default for the decision path): the slot and everything
    /// after it stay in the ring, so a restart delivers them, starting with the faulting stage.
    /// </summary>
    Halt = 0,

    /// <summary>Skip the faulting stage for that slot only; later stages still see the slot.</summary>
    LogAndSkip = 1,
}
