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

    /// <summary>A pending order reached its expiry and the terminal removed it (protocol 2).</summary>
    Expired = 6,
}
