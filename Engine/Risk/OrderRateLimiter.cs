namespace IctEngine.Risk;

/// <summary>
/// At most N orders in any one-second window of event time (simulated time in replay, so replays agree): a ring of
/// the last N order times; a new order is allowed when the oldest of them is at least a second old.
/// </summary>
public sealed class OrderRateLimiter
{
    private const long WindowNs = 1_000_000_000L;
    private readonly long[] _times;
    private int _next;
    private int _count;

    public OrderRateLimiter(int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSecond, 1);
        _times = new long[maxPerSecond];
    }

    public bool Allows(long timeNs) => _count < _times.Length || timeNs - _times[_next] >= WindowNs;

    public void Record(long timeNs)
    {
        _times[_next] = timeNs;
        _next = (_next + 1) % _times.Length;
        _count = Math.Min(_count + 1, _times.Length);
    }
}
