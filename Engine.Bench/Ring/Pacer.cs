using System.Diagnostics;

namespace IctEngine.Bench.Ring;

/// <summary>Paces a latency producer: event i is due at start + i/rate, waited for by spinning (no sleep jitter).</summary>
internal readonly struct Pacer(long rate)
{
    private readonly double _interval = (double)Stopwatch.Frequency / rate;
    private readonly long _start = Stopwatch.GetTimestamp();

    public long Start => _start;

    public void WaitFor(long index)
    {
        var due = _start + (long)(index * _interval);
        while (Stopwatch.GetTimestamp() < due)
        {
        }
    }
}
