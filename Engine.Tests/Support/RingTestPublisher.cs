using System.Runtime.ExceptionServices;
using IctEngine.Pipeline;

namespace IctEngine.Tests.Support;

/// <summary>Publishes values <c>from..to-1</c> of producer 0, one slot at a time.</summary>
public static class RingTestPublisher
{
    /// <summary>How long a test may publish before it is failed instead of hanging CI (a producer waits on a full ring).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    /// <summary>Publishes on the calling thread.</summary>
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

    /// <summary>
    /// Publishes on a background thread and waits at most <see cref="Deadline"/>: a consumer bug then fails the
    /// test with a <see cref="TimeoutException"/> rather than leaving the producer waiting forever. Rethrows what the
    /// producer threw.
    /// </summary>
    public static void PublishRangeWithin(Pipeline<RingTestEvent> pipeline, long from, long to)
    {
        ExceptionDispatchInfo? error = null;
        var producer = new Thread(() =>
        {
            try
            {
                PublishRange(pipeline, from, to);
            }
            catch (Exception ex)
            {
                error = ExceptionDispatchInfo.Capture(ex);
            }
        }) { IsBackground = true, Name = "test-producer" };
        producer.Start();
        if (!producer.Join(Deadline))
        {
            throw new TimeoutException($"The producer did not publish {to - from} events within {Deadline}.");
        }

        error?.Throw();
    }
}
