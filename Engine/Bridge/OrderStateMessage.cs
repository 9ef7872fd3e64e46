namespace IctEngine.Bridge;

/// <summary>EA → engine: one pending order (sent after the handshake and whenever it changes).</summary>
public struct OrderStateMessage
{
    public ulong Ticket;
    public long ClientOrderId;
    public ushort Symbol;
    public sbyte Side;

    /// <summary>The pending kind, or <see cref="BridgePendingKind.None"/> when the order no longer exists.</summary>
    public BridgePendingKind Kind;
    public double Volume;
    public double Price;
    public double StopLoss;
    public double TakeProfit;
    public long TimeMs;
}
