using IctEngine.Pipeline;
using IctEngine.Ring;

namespace IctEngine.Tests.Support;

/// <summary>Records lifecycle calls (and the thread they ran on) into a shared log.</summary>
public sealed class LifecycleRecordingHandler(string name, List<string> log) : IEventHandler<RingTestEvent>, ILifecycleAware
{
    public string? StartThread { get; private set; }

    public string? EventThread { get; private set; }

    public void OnStart()
    {
        StartThread = Thread.CurrentThread.Name;
        lock (log)
        {
            log.Add(name + ".start");
        }
    }

    public void OnShutdown()
    {
        lock (log)
        {
            log.Add(name + ".shutdown");
        }
    }

    public void OnEvent(ref RingTestEvent data, long sequence, bool endOfBatch) => EventThread = Thread.CurrentThread.Name;
}
