namespace IctEngine.Bridge;

/// <summary>EA → engine: the outcome of an <see cref="OrderCommandMessage"/> (MT5 retcode, tickets, fill price).</summary>
public struct OrderResultMessage
{
    public long ClientOrderId;

    /// <summary>MT5 trade server return code (10009 done, 10008 placed, ...), or a <see cref="BridgeErrorCode"/>.</summary>
    public uint RetCode;
    public BridgeOrderStatus Status;
    public sbyte Side;
    public ushort Symbol;
    public ulong OrderTicket;
    public ulong DealTicket;
    public ulong PositionTicket;
    public double Volume;
    public double Price;
    public double StopLoss;
    public double TakeProfit;
    public double Commission;
    public long TimeMs;
}
