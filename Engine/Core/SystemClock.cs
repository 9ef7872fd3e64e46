using System.Diagnostics;

namespace IctEngine.Core;

/// <summary>
/// Wall-clock UTC with sub-microsecond resolution: one <see cref="DateTime.UtcNow"/> anchor plus the
/// monotonic <see cref="Stopwatch"/> since then, so reading it is cheap and never goes backwards.
/// </summary>
public sealed class SystemClock : IClock
{
    private readonly long _anchorNanos;
    private readonly long _anchorTicks;
    private readonly double _nanosPerTick;

    public SystemClock()
    {
        _anchorTicks = Stopwatch.GetTimestamp();
        _anchorNanos = Timestamp.FromDateTime(DateTime.UtcNow).UnixNanoseconds;
        _nanosPerTick = 1e9 / Stopwatch.Frequency;
    }

    public static SystemClock Instance { get; } = new();

    public long UtcNowNanos => _anchorNanos + (long)((Stopwatch.GetTimestamp() - _anchorTicks) * _nanosPerTick);
}
