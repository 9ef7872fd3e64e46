namespace IctEngine.Bridge;

/// <summary>Keep-alive in both directions: the sender's clock (ms, diagnostic only) and a sequence number.</summary>
public struct HeartbeatMessage
{
    public long TimeMs;
    public uint Sequence;
}
