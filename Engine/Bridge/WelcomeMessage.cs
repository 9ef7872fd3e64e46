namespace IctEngine.Bridge;

/// <summary>
/// Engine → EA: authentication accepted. Carries the heartbeat period and the silence timeout both sides apply,
/// and the engine's proof that it knows the secret too (mutual authentication).
/// </summary>
public sealed class WelcomeMessage
{
    public uint HeartbeatMs { get; init; }
    public uint TimeoutMs { get; init; }
    public byte[] ServerProof { get; init; } = new byte[BridgeProtocol.MacLength];
}
