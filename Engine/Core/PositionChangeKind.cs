namespace IctEngine.Core;

/// <summary>What a PositionChanged decision records (its Code). Journaled: append, never renumber.</summary>
public enum PositionChangeKind
{
    PartialClose = 1,
    StopsModified = 2,
}
