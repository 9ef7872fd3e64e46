using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class SpscQueueTests
{
    [Test]
    public void Write_ThenTryRead_PreservesOrderAcrossWraps()
    {
        var log = new SpscQueue<Decision>(8);
        long next = 0;
        for (var round = 0; round < 100; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                ref var d = ref log.Claim();
                d.Type = DecisionType.TickRejected;
                d.Id = (round * 5) + i;
                log.Publish();
            }

            while (log.TryRead(out var d))
            {
                Assert.That(d.Id, Is.EqualTo(next++));
            }
        }

        Assert.That(next, Is.EqualTo(500));
        Assert.That(log.Count, Is.Zero);
    }

    [Test]
    public void Claim_WhenFull_WaitsForConsumer()
    {
        var log = new SpscQueue<Decision>(4);
        const int total = 200_000;
        var consumer = Task.Run(() =>
        {
            long expected = 0;
            while (expected < total)
            {
                if (log.TryRead(out var d))
                {
                    if (d.Id != expected)
                    {
                        return false;
                    }

                    expected++;
                }
            }

            return true;
        });
        for (var i = 0; i < total; i++)
        {
            log.Claim().Id = i;
            log.Publish();
        }

        Assert.That(consumer.Wait(TimeSpan.FromSeconds(30)), Is.True);
        Assert.That(consumer.Result, Is.True);
    }

    [Test]
    public void Claim_SteadyState_DoesNotAllocate()
    {
        var log = new SpscQueue<Decision>(64);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            log.Claim().Id = i;
            log.Publish();
            log.TryRead(out _);
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    [Test]
    public void Constructor_NotPowerOfTwo_Throws() =>
        Assert.Throws<ArgumentException>(() => _ = new SpscQueue<Decision>(100));
}
