namespace IctEngine.Bridge;

/// <summary>Engine → EA: the version chosen for the session and the server nonce to authenticate.</summary>
public sealed class ChallengeMessage
{
    public ushort Version { get; init; }
    public byte[] ServerNonce { get; init; } = new byte[BridgeProtocol.NonceLength];
}
