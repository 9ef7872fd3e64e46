using IctEngine.Ring;

namespace IctEngine.Bench.Ring;

/// <summary>The cheapest useful stage: adds the value up (so the JIT cannot drop the loop). A struct, so inlined.</summary>
public struct SumHandler : IEventHandler<BenchEvent>
{
    public long Sum;

    public void OnEvent(ref BenchEvent data, long sequence, bool endOfBatch) => Sum += data.Value;
}
