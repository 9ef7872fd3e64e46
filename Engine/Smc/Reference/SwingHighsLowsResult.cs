namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>swing_highs_lows</c>: HighLow (+1 high, -1 low, NaN) and Level, both float64.</summary>
public sealed class SwingHighsLowsResult(double[] highLow, double[] level)
{
    public double[] HighLow { get; } = highLow;

    public double[] Level { get; } = level;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("HighLow", ReferenceColumnType.Float64, HighLow),
        new ReferenceColumn("Level", ReferenceColumnType.Float64, Level));
}
