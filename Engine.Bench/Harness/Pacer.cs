using System.Diagnostics;

namespace IctEngine.Bench.Harness;

/// <summary>
/// Paces a latency producer: event i is due at start + i/rate, waited for by spinning (no sleep jitter). One pause
/// per check keeps the spinning core's clock reads down; it costs at most one pause of lateness, and latency is
/// stamped at publication, after the wait.
/// </summary>
internal readonly struct Pacer(double rate)
{
    private readonly double _interval = Stopwatch.Frequency / rate;
    private readonly long _start = Stopwatch.GetTimestamp();

    public long Start => _start;

    public void WaitFor(long index)
    {
        var due = _start + (long)(index * _interval);
        while (Stopwatch.GetTimestamp() < due)
        {
            Thread.SpinWait(1);
        }
    }
}
