namespace IctEngine.Smc.Structure;

/// <summary>
/// Wilder's average true range in price units, integer arithmetic (deterministic): the mean of the first
/// <c>period</c> true ranges, then <c>atr = (atr·(period−1) + tr) / period</c>. 0 until the first period is complete.
/// </summary>
public sealed class AverageTrueRange
{
    private readonly int _period;
    private long _sum;
    private int _seen;
    private long _prevClose;

    public AverageTrueRange(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
    }

    /// <summary>Current value in price units (0 while warming up).</summary>
    public long Value { get; private set; }

    public void Add(long high, long low, long close)
    {
        var tr = high - low;
        if (_seen > 0)
        {
            tr = Math.Max(tr, Math.Max(Math.Abs(high - _prevClose), Math.Abs(low - _prevClose)));
        }

        _prevClose = close;
        _seen++;
        if (_seen <= _period)
        {
            _sum += tr;
            if (_seen == _period)
            {
                Value = _sum / _period;
            }

            return;
        }

        Value = ((Value * (_period - 1)) + tr) / _period;
    }
}
