namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>previous_high_low</c>: PreviousHigh/PreviousLow (float32, NaN early), BrokenHigh/BrokenLow (0/1).</summary>
public sealed class PreviousHighLowResult(double[] previousHigh, double[] previousLow, int[] brokenHigh, int[] brokenLow)
{
    public double[] PreviousHigh { get; } = previousHigh;

    public double[] PreviousLow { get; } = previousLow;

    public int[] BrokenHigh { get; } = brokenHigh;

    public int[] BrokenLow { get; } = brokenLow;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("PreviousHigh", ReferenceColumnType.Float32, PreviousHigh),
        new ReferenceColumn("PreviousLow", ReferenceColumnType.Float32, PreviousLow),
        new ReferenceColumn("BrokenHigh", ReferenceColumnType.Int32, Array.ConvertAll(BrokenHigh, x => (double)x)),
        new ReferenceColumn("BrokenLow", ReferenceColumnType.Int32, Array.ConvertAll(BrokenLow, x => (double)x)));
}
