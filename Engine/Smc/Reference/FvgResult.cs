namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>fvg</c>: FVG (±1), Top, Bottom, MitigatedIndex (0 = never), all float64, NaN off-gap.</summary>
public sealed class FvgResult(double[] fvg, double[] top, double[] bottom, double[] mitigatedIndex)
{
    public double[] Fvg { get; } = fvg;

    public double[] Top { get; } = top;

    public double[] Bottom { get; } = bottom;

    public double[] MitigatedIndex { get; } = mitigatedIndex;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("FVG", ReferenceColumnType.Float64, Fvg),
        new ReferenceColumn("Top", ReferenceColumnType.Float64, Top),
        new ReferenceColumn("Bottom", ReferenceColumnType.Float64, Bottom),
        new ReferenceColumn("MitigatedIndex", ReferenceColumnType.Float64, MitigatedIndex));
}
