namespace IctEngine.Bridge;

/// <summary>EA → engine, first frame of a session: magic, protocol version, client nonce and a display name.</summary>
public sealed class HelloMessage
{
    public ushort Version { get; init; }
    public byte[] ClientNonce { get; init; } = new byte[BridgeProtocol.NonceLength];
    public string ClientName { get; init; } = "";
}
