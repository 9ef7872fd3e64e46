namespace IctEngine.Core;

/// <summary>Life cycle of one of our orders in the <see cref="OrderBook"/>.</summary>
public enum OrderStatus : byte
{
    None = 0,

    /// <summary>Sent to the broker, no answer yet (in flight).</summary>
    Submitted = 1,

    /// <summary>Accepted and resting at the broker (limit/stop waiting for its price).</summary>
    Working = 2,
    Filled = 3,
    Cancelled = 4,
    Expired = 5,
    Rejected = 6,
}
