using IctEngine.Host.Live;
using IctEngine.Pipeline;
using NUnit.Framework;

namespace IctEngine.Tests.Host.Live;

[TestFixture]
public sealed class StagePercentileReaderTests
{
    [Test]
    public void P99Ns_NothingSampled_MinusOne()
    {
        var reader = new StagePercentileReader(new LatencySampler(["a", "b"]));

        Assert.That(reader.P99Ns(1), Is.EqualTo(-1));
    }

    [Test]
    public void P99Ns_HundredSamples_TheValueBelowWhichNinetyNineFall()
    {
        var sampler = new LatencySampler(["stage"]);
        var live = (HdrHistogram.LongHistogram)sampler.SincePublication(0);
        for (var v = 1; v <= 100; v++)
        {
            live.RecordValue(v * 1000L);
        }

        var reader = new StagePercentileReader(sampler);

        Assert.That(reader.P99Ns(0), Is.EqualTo(live.GetValueAtPercentile(99)).And.InRange(98_900L, 99_100L));
    }

    [Test]
    public void P99Ns_RepeatedReadsAfterWarmUp_AllocateNothing()
    {
        var sampler = new LatencySampler(["a", "b", "c"]);
        var live = (HdrHistogram.LongHistogram)sampler.SincePublication(2);
        var reader = new StagePercentileReader(sampler);
        live.RecordValue(5_000);
        reader.P99Ns(2);

        var before = GC.GetAllocatedBytesForCurrentThread();
        long sum = 0;
        for (var i = 0; i < 50; i++)
        {
            live.RecordValue(5_000 + i);
            sum += reader.P99Ns(i % 3);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.Not.Zero);
    }
}
