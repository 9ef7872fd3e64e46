using System.Runtime.CompilerServices;
using IctEngine.Execution;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Validation;

namespace IctEngine.Replay;

// One-line struct forwarders, one per stage: a value type per stage makes the pipeline's chain
// (HandlerLink<..., TimedHandler<ValidationHandler>, ...>) a fully specialised type, so each sealed stage is called
// directly and can be inlined; with the stage classes as type arguments the chain's code is shared and dispatches
// through the interface on every slot.

/// <summary>Forwards to <see cref="ValidationStage"/>.</summary>
internal readonly struct ValidationHandler(ValidationStage stage) : IEventHandler<EngineEvent>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch) => stage.OnEvent(ref data, sequence, endOfBatch);
}

/// <summary>Forwards to <see cref="SmcStage"/>.</summary>
internal readonly struct SmcHandler(SmcStage stage) : IEventHandler<EngineEvent>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch) => stage.OnEvent(ref data, sequence, endOfBatch);
}

/// <summary>Forwards to <see cref="RiskStage"/>.</summary>
internal readonly struct RiskHandler(RiskStage stage) : IEventHandler<EngineEvent>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch) => stage.OnEvent(ref data, sequence, endOfBatch);
}

/// <summary>Forwards to <see cref="ExecutionStage"/>.</summary>
internal readonly struct ExecutionHandler(ExecutionStage stage) : IEventHandler<EngineEvent>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch) => stage.OnEvent(ref data, sequence, endOfBatch);
}

/// <summary>Forwards to <see cref="JournalStage"/>.</summary>
internal readonly struct JournalHandler(JournalStage stage) : IEventHandler<EngineEvent>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch) => stage.OnEvent(ref data, sequence, endOfBatch);
}
