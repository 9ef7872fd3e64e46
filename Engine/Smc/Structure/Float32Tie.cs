namespace IctEngine.Smc.Structure;

/// <summary>
/// The one float the streaming detectors know about: the reference library stores levels as float32 and compares
/// prices against the rounded value, so a price exactly equal to a level "breaks" it when float32 rounded the level
/// the other way. This answers, once per level (never per tick), which way float32 rounds it.
/// </summary>
public static class Float32Tie
{
    /// <summary>-1 when float32(level) is below the exact decimal level, +1 above, 0 exact.</summary>
    public static int Direction(long units, int digits)
    {
        var exact = units / (double)IctEngine.Core.Price.PowerOfTen(digits);
        var rounded = (double)(float)exact;
        return rounded < exact ? -1 : rounded > exact ? 1 : 0;
    }

    /// <summary>The value as the reference writes it (float32 rounding, shortest round-trip text).</summary>
    public static float ToFloat32(long units, int digits) => (float)(units / (double)IctEngine.Core.Price.PowerOfTen(digits));
}
