namespace IctEngine.Bridge;

/// <summary>EA → engine: the broker's specification of one configured symbol and its wire index.</summary>
public sealed class SymbolSpecMessage
{
    public ushort Symbol { get; init; }
    public string Name { get; init; } = "";
    public int Digits { get; init; }
    public double Point { get; init; }
    public double TickSize { get; init; }
    public double TickValue { get; init; }
    public double ContractSize { get; init; }
    public double VolumeMin { get; init; }
    public double VolumeStep { get; init; }
    public double VolumeMax { get; init; }
}
