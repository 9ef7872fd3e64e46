using System.Buffers.Binary;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

public sealed class PgEventRecordViewTests
{
    [Test]
    public void Constructor_UnknownFormatByte_ThrowsInvalidData()
    {
        var record = Record();
        record[0] = 2;
        var error = Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(record))!;
        Assert.That(error.Message, Does.Contain("unknown format").And.Contain("first byte 2"));
    }

    [Test]
    public void Constructor_ShorterThanTheSmallestRecord_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(Record().AsSpan(0, PgEventRecord.MinSize - 1)));
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView([]));
    }

    [Test]
    public void Constructor_EveryTruncation_ThrowsInvalidDataOrReadsAShorterPayload()
    {
        var record = Record();
        for (var length = 0; length < record.Length; length++)
        {
            var cut = record.AsSpan(0, length).ToArray();
            try
            {
                var view = new PgEventRecordView(cut);
                Assert.That(view.Payload.Length, Is.LessThan(12), $"length {length}");
                Assert.That((view.TypeUtf8.ToArray(), view.RunIdUtf8.ToArray()), Is.EqualTo(("T"u8.ToArray(), "r"u8.ToArray())));
            }
            catch (InvalidDataException)
            {
                // Expected for every cut before the payload.
            }
        }
    }

    [TestCase(int.MaxValue)]
    [TestCase(-1)]
    [TestCase(100)]
    public void Constructor_TypeLengthBeyondTheRecord_ThrowsInvalidData(long typeLength)
    {
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(WithLengths(typeLength, 1)));
    }

    [TestCase(int.MaxValue)]
    [TestCase(long.MinValue)]
    [TestCase(14)]
    public void Constructor_RunIdLengthBeyondTheRecord_ThrowsInvalidData(long runLength)
    {
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(WithLengths(1, runLength)));
    }

    [Test]
    public void Constructor_VarintLongerThanTenBytes_ThrowsInvalidData()
    {
        var record = new byte[PgEventRecord.MinSize + 20];
        record[0] = PgEventRecord.Format;
        record.AsSpan(PgEventRecord.VarintsOffset).Fill(0x80);
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(record));
    }

    [Test]
    public void Constructor_EmptyTypeRunAndPayload_ReadsEmptySpans()
    {
        var e = new EventData(Guid.Empty, string.Empty, ReadOnlyMemory<byte>.Empty, new EventMetadata(string.Empty, 0, 0), 0);
        var buffer = new byte[PgEventRecord.MaxSize(0, 0, 0)];
        var length = PgEventRecord.Write(buffer, 1, 0, 1, e, [], []);
        Assert.That(length, Is.EqualTo(PgEventRecord.MinSize));
        var view = new PgEventRecordView(buffer.AsSpan(0, length));
        Assert.That((view.TypeUtf8.Length, view.RunIdUtf8.Length, view.Payload.Length), Is.EqualTo((0, 0, 0)));
    }

    /// <summary>Type "T", run id "r", 12-byte payload.</summary>
    private static byte[] Record()
    {
        var e = new EventData(Guid.NewGuid(), "T", new byte[12], new EventMetadata("r", 1, 2), 3);
        var buffer = new byte[PgEventRecord.MaxSize(1, 1, 12)];
        var length = PgEventRecord.Write(buffer, 4, 5, 6, e, "T"u8, "r"u8);
        return buffer[..length];
    }

    /// <summary>A record (type "T", run id "r", 12-byte payload) whose type and run id lengths claim the given values.</summary>
    private static byte[] WithLengths(long typeLength, long runLength)
    {
        var buffer = new byte[64];
        var e = new EventData(Guid.NewGuid(), "T", ReadOnlyMemory<byte>.Empty, new EventMetadata("r", 1, 2), 3);
        var at = PgEventRecord.Write(buffer, 4, 5, 6, e, [], []) - 2;
        at += Varint.Write(buffer.AsSpan(at), typeLength);
        buffer[at++] = (byte)'T';
        at += Varint.Write(buffer.AsSpan(at), runLength);
        buffer[at++] = (byte)'r';
        at += 12;
        return buffer[..at];
    }
}
