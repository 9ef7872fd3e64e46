using System.Diagnostics;
using IctEngine.Pipeline;
using NUnit.Framework;

namespace IctEngine.Tests.Pipeline;

[TestFixture]
public sealed class LatencySamplerTests
{
    [Test]
    public void IsSampled_OneSlotInTwoToTheShift_OnlyWhenPublicationTimed()
    {
        var sampler = new LatencySampler(["a"], sampleShift: 2);

        Assert.That(sampler.IsSampled(0, 1), Is.True);
        Assert.That(sampler.IsSampled(4, 1), Is.True);
        Assert.That(sampler.IsSampled(5, 1), Is.False);
        Assert.That(sampler.IsSampled(8, 0), Is.False, "a slot published without a timestamp is never sampled");
    }

    [Test]
    public void Record_SlotPublishedEarlier_CountsOneSamplePerStageWithTheElapsedTime()
    {
        var sampler = new LatencySampler(["validation", "risk"], sampleShift: 0);
        var publishedAt = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 1000; // 1 ms ago

        sampler.Record(1, publishedAt, Stopwatch.GetTimestamp());

        var snapshot = sampler.Snapshot();
        Assert.That(snapshot[0].Samples, Is.Zero);
        Assert.That(snapshot[1].Samples, Is.EqualTo(1));
        Assert.That(snapshot[1].P50Ns, Is.GreaterThanOrEqualTo(1_000_000 * 0.99));
        Assert.That(sampler.ServiceSnapshot()[1].Samples, Is.EqualTo(1));
    }

    [Test]
    public void Reset_AfterWarmUpRecords_ForgetsEveryStagesTimings()
    {
        var sampler = new LatencySampler(["validation", "risk"], sampleShift: 0);
        var now = Stopwatch.GetTimestamp();
        sampler.Record(0, now - Stopwatch.Frequency, now);
        sampler.Record(1, now - Stopwatch.Frequency, now);

        sampler.Reset();
        sampler.Record(1, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp());

        var snapshot = sampler.Snapshot();
        Assert.That(snapshot[0].Samples, Is.Zero);
        Assert.That(snapshot[1].Samples, Is.EqualTo(1));
        Assert.That(snapshot[1].MaxNs, Is.LessThan(1_000_000_000 / 2), "the warm-up's one-second sample is gone");
        Assert.That(sampler.ServiceSnapshot()[0].Samples, Is.Zero);
    }
}
