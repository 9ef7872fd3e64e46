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
    public void Constructor_ShorterThanTheFixedFields_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(Record().AsSpan(0, PgEventRecord.FixedSize - 1)));
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView([]));
    }

    [TestCase(int.MaxValue)]
    [TestCase(-1)]
    [TestCase(100)]
    public void Constructor_TypeLengthBeyondTheRecord_ThrowsInvalidData(int typeLength)
    {
        var record = Record();
        BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(PgEventRecord.TypeOffset), typeLength);
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(record));
    }

    [TestCase(int.MaxValue)]
    [TestCase(-5)]
    [TestCase(14)]
    public void Constructor_RunIdLengthBeyondTheRecord_ThrowsInvalidData(int runLength)
    {
        var record = Record();
        BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(PgEventRecord.TypeOffset + 4 + 1), runLength);
        Assert.Throws<InvalidDataException>(() => _ = new PgEventRecordView(record));
    }

    [Test]
    public void Constructor_EmptyTypeRunAndPayload_ReadsEmptySpans()
    {
        var e = new EventData(Guid.Empty, string.Empty, ReadOnlyMemory<byte>.Empty, new EventMetadata(string.Empty, 0, 0), 0);
        var buffer = new byte[PgEventRecord.FixedSize];
        PgEventRecord.Write(buffer, 1, 0, 1, e, [], []);
        var view = new PgEventRecordView(buffer);
        Assert.That((view.TypeUtf8.Length, view.RunIdUtf8.Length, view.Payload.Length), Is.EqualTo((0, 0, 0)));
    }

    /// <summary>Type "T", run id "r", 12-byte payload.</summary>
    private static byte[] Record()
    {
        var e = new EventData(Guid.NewGuid(), "T", new byte[12], new EventMetadata("r", 1, 2), 3);
        var buffer = new byte[PgEventRecord.Size(1, 1, 12)];
        PgEventRecord.Write(buffer, 4, 5, 6, e, "T"u8, "r"u8);
        return buffer;
    }
}
