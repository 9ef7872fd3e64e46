namespace IctEngine.Bridge;

/// <summary>Outcome carried by an <see cref="OrderResultMessage"/>. Wire values.</summary>
public enum BridgeOrderStatus : byte
{
    None = 0,
    Accepted = 1,
    Rejected = 2,
    Filled = 3,
    Cancelled = 4,
    Modified = 5,
}
