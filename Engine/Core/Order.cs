namespace IctEngine.Core;

/// <summary>One of our orders as the <see cref="OrderBook"/> tracks it. Prices in symbol units, volume in lot units.</summary>
public struct Order
{
    /// <summary>Our id: assigned by execution from a counter, so stable across replays of the same input.</summary>
    public long ClientOrderId;
    public long BrokerOrderId;
    public OrderType Type;
    public OrderStatus Status;

    /// <summary>True for an order that closes <see cref="PositionId"/> rather than opening a position.</summary>
    public bool IsClose;

    /// <summary>+1 buy, -1 sell.</summary>
    public int Side;
    public int SymbolId;
    public long Volume;
    public long FilledVolume;

    /// <summary>Limit/stop price; for market orders the reference price (slippage is measured against it).</summary>
    public long Price;
    public long StopLoss;
    public long TakeProfit;
    public long ExpiresAtNs;
    public long SignalId;
    public long SignalTimeNs;
    public long SubmittedNs;
    public long PositionId;

    /// <summary>Close reason carried to the position's close (see docs/RISK.md).</summary>
    public int Reason;

    public readonly bool IsActive => Status is OrderStatus.Submitted or OrderStatus.Working;
}
