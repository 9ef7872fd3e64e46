using System.Diagnostics;
using HdrHistogram;
using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>Records publish-to-consume time of every slot into a histogram (consumer thread only).</summary>
public readonly struct LatencyHandler(LongHistogram histogram) : IEventHandler<BenchEvent>
{
    public void OnEvent(ref BenchEvent data, long sequence, bool endOfBatch) =>
        histogram.RecordValue(RingHarness.TicksToNs(Stopwatch.GetTimestamp() - data.PublishedAt));
}
