namespace IctEngine.Smc.Reference;

/// <summary>
/// One output column of a reference function: its library name, its numpy dtype and its values (NaN = missing).
/// Float32 columns hold values already rounded to single precision, widened back to double.
/// </summary>
public sealed class ReferenceColumn(string name, ReferenceColumnType type, double[] values)
{
    public string Name { get; } = name;

    public ReferenceColumnType Type { get; } = type;

    public double[] Values { get; } = values;

    /// <summary>The cell text exactly as pandas <c>to_csv</c> writes it.</summary>
    public string Format(int row) => NumpyNumberFormat.Format(Values[row], Type);
}
