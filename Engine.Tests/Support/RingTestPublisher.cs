using IctEngine.Pipeline;

namespace IctEngine.Tests.Support;

/// <summary>Publishes values <c>from..to-1</c> of producer 0, one slot at a time.</summary>
public static class RingTestPublisher
{
    public static void PublishRange(Pipeline<RingTestEvent> pipeline, long from, long to)
    {
        for (var i = from; i < to; i++)
        {
            var s = pipeline.Next();
            ref var e = ref pipeline[s];
            e.Value = i;
            e.Producer = 0;
            e.Stage = 0;
            pipeline.Publish(s);
        }
    }
}
