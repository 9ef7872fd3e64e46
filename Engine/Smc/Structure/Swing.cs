namespace IctEngine.Smc.Structure;

/// <summary>A confirmed swing point: a high (+1) or a low (-1) at a bar, with its level in price units.</summary>
public struct Swing
{
    public long Id;

    /// <summary>Bar index of the swing candle.</summary>
    public long Index;

    /// <summary>+1 swing high, -1 swing low.</summary>
    public int Type;

    public long Level;

    public readonly bool IsValid => Type != 0;
}
