namespace IctEngine.Execution;

/// <summary>
/// Execution and simulated-broker settings (bound from configuration by the host). Defaults model a typical
/// FTMO-like MT5 account: commission per lot per side, no slippage beyond the spread, 50 ms order latency.
/// </summary>
public sealed class ExecutionOptions
{
    /// <summary>Commission per lot per side in account currency (charged on every fill).</summary>
    public decimal CommissionPerLot { get; set; } = 3m;

    /// <summary>Adverse slippage in points added to market and stop fills (SL included); limits/TP fill without it.</summary>
    public long SlippagePoints { get; set; }

    /// <summary>Simulated order latency: a request acts on the first tick of its symbol at or after send time + latency.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The weekly close (no liquidity from then to <see cref="SundayOpenUtc"/>): Friday at this UTC time.</summary>
    public TimeSpan FridayCloseUtc { get; set; } = TimeSpan.FromHours(21);

    /// <summary>The weekly open: Sunday at this UTC time.</summary>
    public TimeSpan SundayOpenUtc { get; set; } = TimeSpan.FromHours(21);

    /// <summary>Reject orders that reach the simulated broker while the market is closed.</summary>
    public bool RejectOutsideMarketHours { get; set; } = true;

    /// <summary>First client order id; ids then count up (deterministic across replays).</summary>
    public long FirstClientOrderId { get; set; } = 1;

    /// <summary>Capacity of the simulated broker's queue of requests waiting out their latency.</summary>
    public int MaxPendingRequests { get; set; } = 1024;

    /// <summary>Maximum positions and working orders the simulated broker holds.</summary>
    public int MaxBrokerPositions { get; set; } = 256;

    internal long LatencyNs => Latency.Ticks * 100;
}
