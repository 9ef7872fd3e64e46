using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class StoreSegmentBuilderTests
{
    [Test]
    public void Add_InterleavedKeysWithinTheGap_OneSegmentPerKey()
    {
        var builder = new StoreSegmentBuilder();
        for (var p = 1; p <= 80; p++)
        {
            builder.Add(p % 8, p, (p - 1) / 8);
        }

        builder.Finish();
        var segments = Completed(builder).OrderBy(s => s.Key).ToArray();
        Assert.That(segments, Has.Length.EqualTo(8));
        Assert.That(segments[3], Is.EqualTo(new StoreSegment(3, 0, 9, 3, 75)));
    }

    [Test]
    public void Add_GapBeyondMaxGap_StartsANewSegment()
    {
        var builder = new StoreSegmentBuilder();
        builder.Add(0, 10, 0);
        builder.Add(0, 10 + StoreSegmentBuilder.MaxGap, 1);
        builder.Add(0, 11 + (2 * StoreSegmentBuilder.MaxGap), 2);
        builder.Finish();
        Assert.That(Completed(builder), Is.EqualTo(new[]
        {
            new StoreSegment(0, 0, 1, 10, 10 + StoreSegmentBuilder.MaxGap),
            new StoreSegment(0, 2, 2, 11 + (2 * StoreSegmentBuilder.MaxGap), 11 + (2 * StoreSegmentBuilder.MaxGap)),
        }));
    }

    [Test]
    public void Add_ContiguousEventsBeyondMaxSpan_SplitIntoSegmentsOfMaxSpanPositions()
    {
        var builder = new StoreSegmentBuilder();
        var last = (2 * StoreSegmentBuilder.MaxSpan) + 88;
        for (var p = 1L; p <= last; p++)
        {
            builder.Add(0, p, p - 1);
        }

        builder.Finish();
        Assert.That(Completed(builder).Select(s => (s.FirstPosition, s.LastPosition, s.FirstVersion)), Is.EqualTo(new[]
        {
            (1L, StoreSegmentBuilder.MaxSpan, 0L),
            (StoreSegmentBuilder.MaxSpan + 1, 2 * StoreSegmentBuilder.MaxSpan, StoreSegmentBuilder.MaxSpan),
            ((2 * StoreSegmentBuilder.MaxSpan) + 1, last, 2 * StoreSegmentBuilder.MaxSpan),
        }));
    }

    [Test]
    public void Add_HundredEvenlyInterleavedKeys_SegmentsSpanManyEventsNotOneEach()
    {
        // A 100-symbol replay: each symbol's stream has one event in every 100 positions. One segment per event
        // would cost a segment row per event, doubling the store's writes (the scaling benchmark's 1.32x).
        var builder = new StoreSegmentBuilder();
        const int keys = 100;
        const int perKey = 50;
        for (var i = 0; i < keys * perKey; i++)
        {
            builder.Add(i % keys, i + 1, i / keys);
        }

        builder.Finish();
        var segments = Completed(builder);
        Assert.That(segments, Has.Length.LessThanOrEqualTo(keys * ((keys * perKey / StoreSegmentBuilder.MaxSpan) + 1)));
        Assert.That(segments.Sum(s => s.LastVersion - s.FirstVersion + 1), Is.EqualTo(keys * perKey), "every event in exactly one segment");
    }

    [Test]
    public void Add_VersionNotFollowing_StartsANewSegment()
    {
        var builder = new StoreSegmentBuilder();
        builder.Add(0, 1, 4);
        builder.Add(0, 2, 6);
        builder.Finish();
        Assert.That(Completed(builder).Select(s => (s.FirstVersion, s.LastVersion)), Is.EqualTo(new[] { (4L, 4L), (6L, 6L) }));
    }

    [Test]
    public void Add_WithoutVersions_CountsTheKeysEvents()
    {
        var builder = new StoreSegmentBuilder();
        builder.Add(2, 5);
        builder.Add(2, 7);
        builder.Add(2, 8);
        builder.Finish();
        Assert.That(Completed(builder), Is.EqualTo(new[] { new StoreSegment(2, 0, 2, 5, 8) }));
    }

    [Test]
    public void ClearCompleted_WithOpenSegment_KeepsItOpen()
    {
        var builder = new StoreSegmentBuilder();
        var far = 2 + StoreSegmentBuilder.MaxGap;
        builder.Add(0, 1, 0);
        builder.Add(0, far, 1);
        Assert.That(builder.Count, Is.EqualTo(1));
        builder.ClearCompleted();
        builder.Add(0, far + 1, 2);
        builder.Finish();
        Assert.That(Completed(builder), Is.EqualTo(new[] { new StoreSegment(0, 1, 2, far, far + 1) }));
    }

    [Test]
    public void Reset_AfterUse_ForgetsOpenAndCompletedSegments()
    {
        var builder = new StoreSegmentBuilder();
        builder.Add(5, 1, 0);
        builder.Add(5, 100, 1);
        builder.Reset();
        builder.Add(0, 200, 7);
        builder.Finish();
        Assert.That(Completed(builder), Is.EqualTo(new[] { new StoreSegment(0, 7, 7, 200, 200) }));
    }

    private static StoreSegment[] Completed(StoreSegmentBuilder builder) =>
        Enumerable.Range(0, builder.Count).Select(i => builder[i]).ToArray();
}
