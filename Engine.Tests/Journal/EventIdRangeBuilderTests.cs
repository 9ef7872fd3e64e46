using System.Buffers.Binary;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class EventIdRangeBuilderTests
{
    [Test]
    public void Add_ConsecutiveIdsAtConsecutivePositions_OneRange()
    {
        var builder = new EventIdRangeBuilder();
        for (var i = 0; i < 1000; i++)
        {
            builder.Add(Id(-5, 70 + i), 11 + i, i);
        }

        builder.Finish();
        Assert.That(Completed(builder), Is.EqualTo(new[] { new EventIdRange(-5, 70, 1069, 11, 0) }));
    }

    [Test]
    public void Add_RandomIds_OneRangeEach()
    {
        var builder = new EventIdRangeBuilder();
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            builder.Add(ids[i], 1 + i, i);
        }

        builder.Finish();
        Assert.That(Completed(builder).Select(r => (r.LowFirst, r.LowLast, r.FirstPosition)), Is.EqualTo(
            ids.Select((id, i) => (EventIdRangeBuilder.Split(id).Low, EventIdRangeBuilder.Split(id).Low, 1L + i))));
    }

    [TestCase(long.MaxValue, long.MinValue, 1)]
    [TestCase(4, 6, 1)]
    [TestCase(4, 5, 2)]
    public void Add_IdThatDoesNotFollow_StartsANewRange(long first, long second, int positionStep)
    {
        var builder = new EventIdRangeBuilder();
        builder.Add(Id(1, first), 1, 0);
        builder.Add(Id(1, second), 1 + positionStep, 1);
        builder.Finish();
        Assert.That(builder.Count, Is.EqualTo(2));
        Assert.That(builder[1], Is.EqualTo(new EventIdRange(1, second, second, 1 + positionStep, 1)));
    }

    [Test]
    public void Add_SameLowOtherHigh_StartsANewRange()
    {
        var builder = new EventIdRangeBuilder();
        builder.Add(Id(1, 1), 1, 0);
        builder.Add(Id(2, 2), 2, 1);
        builder.Finish();
        Assert.That(Completed(builder).Select(r => r.High), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Property]
    public bool Split_AnyId_GivesItsBigEndianHalves(Guid id)
    {
        var bytes = id.ToByteArray(bigEndian: true);
        var (high, low) = EventIdRangeBuilder.Split(id);
        return high == BinaryPrimitives.ReadInt64BigEndian(bytes) && low == BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8));
    }

    private static Guid Id(long high, long low)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, high);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], low);
        return new Guid(bytes, bigEndian: true);
    }

    private static EventIdRange[] Completed(EventIdRangeBuilder builder) =>
        Enumerable.Range(0, builder.Count).Select(i => builder[i]).ToArray();
}
