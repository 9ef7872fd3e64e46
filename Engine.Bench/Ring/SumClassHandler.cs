using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary><see cref="SumHandler"/> as a sealed class, for the handler-array comparison.</summary>
public sealed class SumClassHandler : IEventHandler<BenchEvent>
{
    public long Sum;

    public void OnEvent(ref BenchEvent data, long sequence, bool endOfBatch) => Sum += data.Value;
}
