namespace IctEngine.Bridge;

/// <summary>EA → engine: one open position (sent after the handshake and whenever it changes).</summary>
public struct PositionStateMessage
{
    public ulong Ticket;
    public long ClientOrderId;
    public ushort Symbol;
    public sbyte Side;

    /// <summary>1 when the position no longer exists (closed); its last state follows.</summary>
    public byte Closed;
    public double Volume;
    public double PriceOpen;
    public double StopLoss;
    public double TakeProfit;
    public double Profit;
    public long TimeMs;
}
