namespace IctEngine.Execution;

/// <summary>Why an order was rejected (OrderRejected.Code, BrokerReport.Code). Journaled: append, never renumber.</summary>
public enum BrokerRejectCode
{
    None = 0,

    /// <summary>Below the minimum, above the maximum, or not a multiple of the volume step.</summary>
    InvalidVolume = 1,

    /// <summary>The market is closed (weekend): no liquidity.</summary>
    MarketClosed = 2,

    /// <summary>Stop-loss or take-profit on the wrong side of the price.</summary>
    InvalidStops = 3,

    /// <summary>The position to close or modify does not exist.</summary>
    UnknownPosition = 4,

    /// <summary>The order to cancel does not exist or is no longer working.</summary>
    UnknownOrder = 5,

    /// <summary>Capacity of the broker or of our order book reached.</summary>
    CapacityReached = 6,
}
