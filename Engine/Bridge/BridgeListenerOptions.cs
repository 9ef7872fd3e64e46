using System.Net;

namespace IctEngine.Bridge;

/// <summary>Options of <see cref="BridgeListener"/>.</summary>
public sealed class BridgeListenerOptions
{
    /// <summary>Address to bind; loopback unless MT5 runs on another host (then firewall the port).</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>TCP port; 0 picks a free one (tests), see <see cref="BridgeListener.Port"/>.</summary>
    public int Port { get; init; } = 5555;

    public required string Secret { get; init; }

    /// <summary>How often each side sends a heartbeat when it has nothing else to send.</summary>
    public int HeartbeatMs { get; init; } = 1000;

    /// <summary>Silence after which a session is considered dead and closed.</summary>
    public int TimeoutMs { get; init; } = 5000;

    /// <summary>Time a client has to complete the handshake.</summary>
    public int HandshakeTimeoutMs { get; init; } = 5000;
}
