namespace IctEngine.Smc.Structure;

/// <summary>What a <see cref="SwingDetector"/> did on the last bar.</summary>
public enum SwingChange
{
    None = 0,

    /// <summary>A swing of the other type was confirmed; the previous last swing became final.</summary>
    Added = 1,

    /// <summary>A more extreme swing of the same type replaced (invalidated) the last swing.</summary>
    Replaced = 2,
}
