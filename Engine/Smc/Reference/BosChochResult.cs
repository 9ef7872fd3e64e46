namespace IctEngine.Smc.Reference;

/// <summary>
/// Output of <c>bos_choch</c>: BOS and CHOCH (±1, float64), Level (float32, the broken swing's level) and
/// BrokenIndex (float64; may be set on rows whose signal was superseded, a library quirk). NaN where absent.
/// </summary>
public sealed class BosChochResult(double[] bos, double[] choch, double[] level, double[] brokenIndex)
{
    public double[] Bos { get; } = bos;

    public double[] Choch { get; } = choch;

    /// <summary>float32 values widened to double.</summary>
    public double[] Level { get; } = level;

    public double[] BrokenIndex { get; } = brokenIndex;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("BOS", ReferenceColumnType.Float64, Bos),
        new ReferenceColumn("CHOCH", ReferenceColumnType.Float64, Choch),
        new ReferenceColumn("Level", ReferenceColumnType.Float32, Level),
        new ReferenceColumn("BrokenIndex", ReferenceColumnType.Float64, BrokenIndex));
}
