using IctEngine.Pipeline;

namespace IctEngine.Replay;

/// <summary>A replay's summary and whether it completed (drained and journaled everything without a fault).</summary>
public sealed record ReplayResult(ReplaySummary Summary, bool Completed, IReadOnlyList<PipelineFault> Faults, Exception? JournalFault);
