namespace IctEngine.Bridge;

/// <summary>
/// EA → engine (protocol 3): one deal of a position of ours, whatever made it — our command, a pending order filling,
/// a stop-loss, take-profit or stop-out, a trader closing by hand. Sent before the <see cref="PositionStateMessage"/>
/// or <see cref="OrderStateMessage"/> the deal changed; the engine applies it as a fill, once per deal ticket.
/// Money fields carry MT5's signs (a charged commission is negative).
/// </summary>
public struct DealMessage
{
    public ulong DealTicket;
    public ulong OrderTicket;

    /// <summary>DEAL_POSITION_ID: the ticket of the position the deal opened, changed or closed.</summary>
    public ulong PositionTicket;

    /// <summary>Our id from the order comment <c>ict:&lt;id&gt;</c>; 0 for deals the terminal made by itself.</summary>
    public long ClientOrderId;
    public ushort Symbol;

    /// <summary>+1 a buy deal, -1 a sell deal.</summary>
    public sbyte Side;
    public BridgeDealEntry Entry;
    public BridgeDealReason Reason;
    public double Volume;
    public double Price;
    public double StopLoss;
    public double TakeProfit;
    public double Profit;
    public double Swap;
    public double Commission;
    public double Fee;
    public long TimeMs;
}
