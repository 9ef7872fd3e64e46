using System.Runtime.CompilerServices;

namespace IctEngine.Pipeline;

/// <summary>
/// How many decisions each stage queued for one slot, indexed by <see cref="PipelineStage"/>: the journal reads
/// exactly that many from each stage's decision queue, so decisions keep slot order with no per-slot allocation.
/// </summary>
[InlineArray(4)]
public struct StageDecisionCounts
{
    private int _element0;
}
