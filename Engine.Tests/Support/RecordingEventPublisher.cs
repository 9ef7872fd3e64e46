using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>An <see cref="IEventPublisher"/> that keeps everything it receives, for assertions (thread-safe).</summary>
public sealed class RecordingEventPublisher : IEventPublisher
{
    private readonly Lock _lock = new();
    private readonly List<Tick> _ticks = [];
    private readonly List<BrokerReport> _reports = [];

    /// <summary>Called after each tick is recorded, with the count so far (e.g. to cut a connection mid-stream).</summary>
    public Action<int>? OnTickRecorded { get; set; }

    public int TickCount
    {
        get
        {
            lock (_lock)
            {
                return _ticks.Count;
            }
        }
    }

    public Tick[] Ticks()
    {
        lock (_lock)
        {
            return [.. _ticks];
        }
    }

    public BrokerReport[] Reports()
    {
        lock (_lock)
        {
            return [.. _reports];
        }
    }

    public void PublishTick(in Tick tick)
    {
        int count;
        lock (_lock)
        {
            _ticks.Add(tick);
            count = _ticks.Count;
        }

        OnTickRecorded?.Invoke(count);
    }

    public void PublishReport(in BrokerReport report)
    {
        lock (_lock)
        {
            _reports.Add(report);
        }
    }
}
