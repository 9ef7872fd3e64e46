namespace IctEngine.Smc.Structure;

/// <summary>The last trend-based break a <see cref="TrendStructureDetector"/> saw (what the strategy reads).</summary>
public struct StructureBreak
{
    public long Id;

    /// <summary>+1 bullish (close above a swing high), -1 bearish.</summary>
    public int Direction;

    public bool IsChoch;

    /// <summary>Bar index of the breaking close.</summary>
    public long BarIndex;

    public long SwingId;

    public long SwingIndex;

    public long Level;

    public readonly bool IsValid => Direction != 0;
}
