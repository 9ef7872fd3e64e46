using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>
/// A struct stage over the engine's real slot type: checks each slot's time is its sequence (exactly once, in
/// order), records one decision count for its stage, and checks the previous stage recorded its own.
/// </summary>
public struct EngineEventSequenceHandler(PipelineStage stage, StrongBoxLong errors) : IEventHandler<EngineEvent>
{
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        var previousDone = stage == PipelineStage.Validation || data.Decisions[(int)stage - 1] == 1;
        if (data.TimeNs != sequence || !previousDone || data.Decisions[(int)stage] != 0)
        {
            Interlocked.Increment(ref errors.Value);
        }

        data.Decisions[(int)stage] = 1;
    }
}
