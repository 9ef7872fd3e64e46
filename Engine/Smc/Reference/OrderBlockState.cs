namespace IctEngine.Smc.Reference;

/// <summary>
/// The per-row arrays the reference <c>ob</c> shares between its bullish and bearish passes (float32 levels and
/// volumes, the mitigation index, the never-reset breaker flags and the used-swing marks).
/// </summary>
internal sealed class OrderBlockState(int n)
{
    public int[] Ob { get; } = new int[n];

    public float[] Top { get; } = new float[n];

    public float[] Bottom { get; } = new float[n];

    public float[] Volume { get; } = new float[n];

    public float[] LowVolume { get; } = new float[n];

    public float[] HighVolume { get; } = new float[n];

    public float[] Percentage { get; } = new float[n];

    public int[] Mitigated { get; } = new int[n];

    public bool[] Breaker { get; } = new bool[n];

    public bool[] Crossed { get; } = new bool[n];

    /// <summary>Resets a row the way the library does when a breaker is invalidated; the breaker flag stays set.</summary>
    public void Erase(int idx)
    {
        Ob[idx] = 0;
        Top[idx] = 0;
        Bottom[idx] = 0;
        Volume[idx] = 0;
        LowVolume[idx] = 0;
        HighVolume[idx] = 0;
        Mitigated[idx] = 0;
        Percentage[idx] = 0;
    }

    public OrderBlocksResult ToResult()
    {
        var n = Ob.Length;
        var ob = new double[n];
        var top = new double[n];
        var bottom = new double[n];
        var volume = new double[n];
        var mitigated = new double[n];
        var percentage = new double[n];
        for (var i = 0; i < n; i++)
        {
            var present = Ob[i] != 0;
            ob[i] = present ? Ob[i] : double.NaN;
            top[i] = present ? Top[i] : double.NaN;
            bottom[i] = present ? Bottom[i] : double.NaN;
            volume[i] = present ? Volume[i] : double.NaN;
            mitigated[i] = present ? Mitigated[i] : double.NaN;
            percentage[i] = present ? Percentage[i] : double.NaN;
        }

        return new OrderBlocksResult(ob, top, bottom, volume, mitigated, percentage);
    }
}
