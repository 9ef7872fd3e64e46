namespace IctEngine.Core;

/// <summary>What a PositionChanged decision records (its Code). Journaled: append, never renumber.</summary>
public enum PositionChangeKind
{
    PartialClose = 1,
    StopsModified = 2,

    /// <summary>Another (partial) fill of the opening order added volume at a new average entry.</summary>
    Increased = 3,
}
