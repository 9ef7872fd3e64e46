namespace IctEngine.Core;

/// <summary>
/// What risk asks execution to do, handed over through a <see cref="SpscQueue{T}"/> (unmanaged, so the hand-over
/// never allocates). Prices are units of the symbol's digits; <see cref="Volume"/> is lots in 10^-VolumeDigits units.
/// Client order ids are assigned by execution, so a request carries none unless it targets an existing order.
/// </summary>
public struct OrderRequest
{
    public OrderRequestKind Kind;
    public OrderType Type;

    /// <summary>+1 buy, -1 sell.</summary>
    public int Side;
    public int SymbolId;

    /// <summary>Time risk decided (event time, UTC ns).</summary>
    public long TimeNs;

    /// <summary>The signal this request serves (0 for operator/breach requests).</summary>
    public long SignalId;

    /// <summary>When the signal was raised (for signal-to-fill latency).</summary>
    public long SignalTimeNs;

    /// <summary>Id of the decision that caused the request (the verdict's id, or the breach's).</summary>
    public long CausationId;

    /// <summary>The order to cancel (<see cref="OrderRequestKind.Cancel"/>).</summary>
    public long ClientOrderId;

    /// <summary>The position to close or modify.</summary>
    public long PositionId;
    public long Volume;

    /// <summary>Entry price for limit/stop; for market orders the price risk sized at (slippage reference).</summary>
    public long Price;
    public long StopLoss;
    public long TakeProfit;

    /// <summary>UTC ns after which a working entry order expires; 0 for none.</summary>
    public long ExpiresAtNs;

    /// <summary>Why (a close reason code for closes and flattens; see docs/RISK.md).</summary>
    public int Reason;
}
