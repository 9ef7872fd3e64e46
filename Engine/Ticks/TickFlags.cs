namespace IctEngine.Ticks;

/// <summary>What a tick changed, with MT5's <c>ENUM_TICK_FLAG</c> values so MT5 flags pass through unchanged.</summary>
[Flags]
public enum TickFlags : int
{
    None = 0,
    Bid = 2,
    Ask = 4,
    Last = 8,
    Volume = 16,
    Buy = 32,
    Sell = 64,
}
