namespace IctEngine.Risk;

/// <summary>Whether the account may take new risk (TradingStateChanged.Code). Journaled: append, never renumber.</summary>
public enum TradingState
{
    /// <summary>Signals are sized and may open positions.</summary>
    Active = 0,

    /// <summary>Only orders that reduce exposure: a signal against an open position closes it; nothing opens.</summary>
    Reducing = 1,

    /// <summary>Nothing is sent; the account waits for the daily reset (daily loss) or the operator.</summary>
    Halted = 2,
}
