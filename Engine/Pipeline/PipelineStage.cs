namespace IctEngine.Pipeline;

/// <summary>The decision stages in ring order; indexes <see cref="EngineEvent.Decisions"/>.</summary>
public enum PipelineStage
{
    Validation = 0,
    Smc = 1,
    Risk = 2,
    Execution = 3,
}
