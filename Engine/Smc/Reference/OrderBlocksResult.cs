namespace IctEngine.Smc.Reference;

/// <summary>
/// Output of <c>ob</c>: OB (±1, float64), Top/Bottom/OBVolume/Percentage (float32), MitigatedIndex (float64,
/// 0 = not mitigated). NaN on rows without an order block.
/// </summary>
public sealed class OrderBlocksResult(
    double[] ob, double[] top, double[] bottom, double[] obVolume, double[] mitigatedIndex, double[] percentage)
{
    public double[] Ob { get; } = ob;

    public double[] Top { get; } = top;

    public double[] Bottom { get; } = bottom;

    public double[] ObVolume { get; } = obVolume;

    public double[] MitigatedIndex { get; } = mitigatedIndex;

    public double[] Percentage { get; } = percentage;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("OB", ReferenceColumnType.Float64, Ob),
        new ReferenceColumn("Top", ReferenceColumnType.Float32, Top),
        new ReferenceColumn("Bottom", ReferenceColumnType.Float32, Bottom),
        new ReferenceColumn("OBVolume", ReferenceColumnType.Float32, ObVolume),
        new ReferenceColumn("MitigatedIndex", ReferenceColumnType.Float64, MitigatedIndex),
        new ReferenceColumn("Percentage", ReferenceColumnType.Float32, Percentage));
}
