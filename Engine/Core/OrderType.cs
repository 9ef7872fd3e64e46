namespace IctEngine.Core;

/// <summary>How an order enters the market. Values are journaled (OrderSubmitted.Code): append, never renumber.</summary>
public enum OrderType : byte
{
    Market = 0,

    /// <summary>Fills when the market trades at the price or better (buy: ask ≤ price; sell: bid ≥ price).</summary>
    Limit = 1,

    /// <summary>Fills when the market trades through the price (buy: ask ≥ price; sell: bid ≤ price).</summary>
    Stop = 2,
}
