namespace IctEngine.Bridge;

/// <summary>
/// Engine → EA: one trade request. <see cref="ClientOrderId"/> is the engine's id, echoed in every result and
/// kept in the MT5 order comment (<c>ict:&lt;id&gt;</c>) so that positions and orders can be matched after a restart.
/// <see cref="Ticket"/> is the position ticket (close, modify) or order ticket (cancel, modify of a pending order).
/// </summary>
public struct OrderCommandMessage
{
    public long ClientOrderId;
    public BridgeOrderAction Action;

    /// <summary>+1 buy, -1 sell.</summary>
    public sbyte Side;
    public BridgePendingKind PendingKind;
    public ushort Symbol;
    public ulong Ticket;
    public double Volume;
    public double Price;
    public double StopLoss;
    public double TakeProfit;
    public uint DeviationPoints;

    /// <summary>
    /// Pending orders (protocol 2): when the order expires, in ms of the terminal's tick clock (the same clock as
    /// <see cref="TickMessage.TimeMs"/>); 0 = good till cancelled. The EA places it with ORDER_TIME_SPECIFIED.
    /// </summary>
    public long ExpiryMs;
}
