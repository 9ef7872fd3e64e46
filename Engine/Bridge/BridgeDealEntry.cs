namespace IctEngine.Bridge;

/// <summary>
/// What a deal did to its position: MT5's <c>ENUM_DEAL_ENTRY</c> values, carried unchanged by
/// <see cref="DealMessage.Entry"/> (protocol 3).
/// </summary>
public enum BridgeDealEntry : byte
{
    /// <summary>Opened the position or added to it (DEAL_ENTRY_IN).</summary>
    In = 0,

    /// <summary>Closed the position or part of it (DEAL_ENTRY_OUT).</summary>
    Out = 1,

    /// <summary>Reversed a netting position: closed it and opened the opposite side (DEAL_ENTRY_INOUT).</summary>
    InOut = 2,

    /// <summary>Closed the position by an opposite one (DEAL_ENTRY_OUT_BY, hedging accounts).</summary>
    OutBy = 3,
}
