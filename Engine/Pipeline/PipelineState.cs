namespace IctEngine.Pipeline;

/// <summary>Where a <see cref="Pipeline{T}"/> is in its lifecycle.</summary>
public enum PipelineState
{
    /// <summary>Built, never started.</summary>
    Created = 0,

    /// <summary>Consumer threads are running.</summary>
    Running = 1,

    /// <summary>Halted on request; <see cref="Pipeline{T}.Start"/> resumes exactly where each stage stopped.</summary>
    Halted = 2,

    /// <summary>Halted because a stage faulted under <see cref="FaultPolicy.Halt"/>; may be restarted.</summary>
    Faulted = 3,
}
