namespace IctEngine.Core;

/// <summary>Why a position (or part of it) was closed: PositionClosed.Code. Journaled: append, never renumber.</summary>
public enum CloseReason
{
    None = 0,
    StopLoss = 1,
    TakeProfit = 2,

    /// <summary>A close requested by the strategy or the operator.</summary>
    Manual = 3,

    /// <summary>Risk flattened the account after a limit breach.</summary>
    Flatten = 4,

    /// <summary>Reconciliation found the position gone at the broker.</summary>
    Reconciliation = 5,

    /// <summary>The broker closed it for lack of margin (a live terminal's stop-out).</summary>
    StopOut = 6,
}
