namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>liquidity</c>: Liquidity (±1), Level, End, Swept (0 = never swept); all float32, NaN off-group.</summary>
public sealed class LiquidityResult(double[] liquidity, double[] level, double[] end, double[] swept)
{
    public double[] Liquidity { get; } = liquidity;

    public double[] Level { get; } = level;

    public double[] End { get; } = end;

    public double[] Swept { get; } = swept;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("Liquidity", ReferenceColumnType.Float32, Liquidity),
        new ReferenceColumn("Level", ReferenceColumnType.Float32, Level),
        new ReferenceColumn("End", ReferenceColumnType.Float32, End),
        new ReferenceColumn("Swept", ReferenceColumnType.Float32, Swept));
}
