namespace IctEngine.Smc.Structure;

/// <summary>A price zone (order block or fair value gap) a detector keeps active until mitigated or invalidated.</summary>
public struct Zone
{
    public long Id;

    /// <summary>+1 bullish (support), -1 bearish (resistance).</summary>
    public int Direction;

    /// <summary>Bar index the zone is stamped on (the OB candle, the FVG middle candle).</summary>
    public long Index;

    /// <summary>Bar index at whose close the zone became known.</summary>
    public long CreatedAt;

    public long Top;
    public long Bottom;
    public int TopTie;
    public int BottomTie;

    /// <summary>Order blocks: traded through (the reference's "breaker" state).</summary>
    public bool Mitigated;

    /// <summary>Order blocks: a breaker retest was reported.</summary>
    public bool BreakerReported;

    /// <summary>Id of the structure (swing) the zone came from, or 0.</summary>
    public long SourceId;

    public readonly bool IsValid => Direction != 0;
}
