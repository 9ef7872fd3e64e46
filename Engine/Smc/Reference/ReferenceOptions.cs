namespace IctEngine.Smc.Reference;

/// <summary>
/// Parameters of a reference call, with the library's defaults. Only the ones the chosen function reads matter;
/// bos-choch, ob, liquidity and retracements compute swings with <see cref="SwingLength"/> first.
/// </summary>
public sealed record ReferenceOptions
{
    public int SwingLength { get; init; } = 50;

    public bool JoinConsecutive { get; init; }

    public bool CloseBreak { get; init; } = true;

    public bool CloseMitigation { get; init; }

    public double RangePercent { get; init; } = 0.01;

    public string TimeFrame { get; init; } = "1D";

    public string Session { get; init; } = "London";

    public string? StartTime { get; init; }

    public string? EndTime { get; init; }

    public string TimeZone { get; init; } = "UTC";
}
