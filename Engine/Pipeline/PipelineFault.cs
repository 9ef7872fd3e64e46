namespace IctEngine.Pipeline;

/// <summary>A stage handler's exception as reported to the host (<see cref="PipelineBuilder{T}.OnFault"/>).</summary>
/// <param name="Stage">The stage name given to <see cref="PipelineBuilder{T}.Then{THandler}"/>.</param>
/// <param name="Sequence">The slot being processed, or -1 for a lifecycle hook.</param>
/// <param name="Exception">What the handler threw.</param>
/// <param name="Action">What the pipeline did about it.</param>
public sealed record PipelineFault(string Stage, long Sequence, Exception Exception, FaultPolicy Action);
