namespace IctEngine.Bridge;

/// <summary>Error codes carried by <see cref="BridgeMessageType.Error"/> frames and order results. Wire values.</summary>
public enum BridgeErrorCode : ushort
{
    None = 0,
    UnsupportedVersion = 1,
    AuthFailed = 2,
    HandshakeTimeout = 3,
    MalformedFrame = 4,
    UnknownMessage = 5,
    HeartbeatTimeout = 6,
    UnknownSymbol = 7,
    Replaced = 8,
    NotConnected = 9,
    ShuttingDown = 10,
    TradeFailed = 11,
}
