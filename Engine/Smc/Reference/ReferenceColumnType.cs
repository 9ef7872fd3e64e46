namespace IctEngine.Smc.Reference;

/// <summary>The numpy dtype a reference output column has, which decides how its cells print.</summary>
public enum ReferenceColumnType
{
    /// <summary>float64: shortest round-trip double, <c>1.0</c> for integers, empty for NaN.</summary>
    Float64,

    /// <summary>float32: the value is a single; printed as the shortest string that round-trips the single.</summary>
    Float32,

    /// <summary>int32: printed as an integer, never missing.</summary>
    Int32,
}
