namespace IctEngine.Bridge;

/// <summary>Kind of a pending order (limit or stop; the side says buy or sell). Wire values.</summary>
public enum BridgePendingKind : byte
{
    None = 0,
    Limit = 1,
    Stop = 2,
}
