namespace IctEngine.Smc.Reference;

/// <summary>
/// Batch re-implementation of the Python <c>smartmoneyconcepts</c> library (v0.0.27, MIT) whose output matches the
/// library's cell for cell, quirks included (see docs/SMC-REFERENCE.md). Every function is pure: same bars and
/// parameters, same arrays. Not causal — the library looks ahead — so this is the yardstick for the streaming
/// detectors, never a live signal source.
/// </summary>
public static partial class ReferenceSmc
{
    /// <summary>Rounds to single precision and widens back: how a value stored in a numpy float32 array reads back.</summary>
    internal static double F32(double x) => (float)x;

    private static double[] NaNs(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static void RequireSameLength(OhlcSeries bars, SwingHighsLowsResult swings)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(swings);
        if (swings.HighLow.Length != bars.Count)
        {
            throw new ArgumentException($"The swing table has {swings.HighLow.Length} rows but there are {bars.Count} bars.");
        }
    }
}
