namespace IctEngine.Smc.Reference;

/// <summary>Output of <c>sessions</c>: Active (0/1), High and Low (float32, running within the session, 0 outside).</summary>
public sealed class SessionsResult(int[] active, double[] high, double[] low)
{
    public int[] Active { get; } = active;

    public double[] High { get; } = high;

    public double[] Low { get; } = low;

    public ReferenceTable ToTable() => new(
        new ReferenceColumn("Active", ReferenceColumnType.Int32, Array.ConvertAll(Active, x => (double)x)),
        new ReferenceColumn("High", ReferenceColumnType.Float32, High),
        new ReferenceColumn("Low", ReferenceColumnType.Float32, Low));
}
