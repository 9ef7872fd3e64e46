namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>retracements</c>: Direction (int), CurrentRetracement% and DeepestRetracement% (float64, never NaN).</summary>
public sealed class RetracementsResult(int[] direction, double[] currentRetracement, double[] deepestRetracement)
{
    public int[] Direction { get; } = direction;

    public double[] CurrentRetracement { get; } = currentRetracement;

    public double[] DeepestRetracement { get; } = deepestRetracement;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("Direction", ReferenceColumnType.Int32, Array.ConvertAll(Direction, x => (double)x)),
        new ReferenceColumn("CurrentRetracement%", ReferenceColumnType.Float64, CurrentRetracement),
        new ReferenceColumn("DeepestRetracement%", ReferenceColumnType.Float64, DeepestRetracement));
}
