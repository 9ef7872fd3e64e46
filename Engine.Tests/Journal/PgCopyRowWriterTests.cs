using System.Buffers.Binary;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

public sealed class PgCopyRowWriterTests
{
    [Test]
    public void Row_OneEvent_WritesHeaderSevenFieldsWithRecordAndTrailer()
    {
        var writer = new PgCopyRowWriter();
        var id = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
        var e = new EventData(id, "T", new byte[] { 9, 8 }, new EventMetadata("r", 5, 4), 7);
        writer.Start();
        writer.Row(1, 2, 3, e, "T"u8, "r"u8, 6);
        writer.Finish();
        var bytes = writer.Written.ToArray();

        Assert.That(bytes.AsSpan(0, 11).ToArray(), Is.EqualTo(new byte[] { (byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0 }));
        var row = bytes.AsSpan(19);
        Assert.That(BinaryPrimitives.ReadInt16BigEndian(row), Is.EqualTo(7));
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(row[2..]), Is.EqualTo(8));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(row[6..]), Is.EqualTo(1));
        var uuid = row[(2 + (3 * 12))..];
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(uuid), Is.EqualTo(16));
        Assert.That(new Guid(uuid.Slice(4, 16), bigEndian: true), Is.EqualTo(id));
        var run = uuid[20..];
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(run), Is.EqualTo(1));
        Assert.That(run[4], Is.EqualTo((byte)'r'));
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(run[9..]), Is.EqualTo(6), "transaction id");

        var recordField = run[(5 + 12)..];
        var recordLength = BinaryPrimitives.ReadInt32BigEndian(recordField);
        Assert.That(recordLength, Is.EqualTo(PgEventRecord.MinSize + 1 + 1 + 2));
        var record = new PgEventRecordView(recordField.Slice(4, recordLength));
        Assert.That((record.StreamId, record.Version, record.Position, record.EventId, record.TimeNs), Is.EqualTo((2L, 3L, 1L, id, 7L)));
        Assert.That((record.CorrelationId, record.CausationId), Is.EqualTo((5L, 4L)));
        Assert.That(record.Payload.ToArray(), Is.EqualTo(new byte[] { 9, 8 }));

        // 3 bigints, uuid, "r", the transaction id, the record, each with a 4-byte length; then the -1 trailer.
        var rowLength = 2 + (4 * 12) + 20 + 5 + 4 + recordLength;
        Assert.That(bytes, Has.Length.EqualTo(19 + rowLength + 2));
        Assert.That(BinaryPrimitives.ReadInt16BigEndian(bytes.AsSpan(^2)), Is.EqualTo(-1));
    }

    [Test]
    public void Row_SteadyState_DoesNotAllocate()
    {
        var writer = new PgCopyRowWriter();
        var e = new EventData(Guid.Empty, "BarClosed", new byte[40], new EventMetadata("run", 1, 0), 1);
        for (var round = 0; round < 3; round++)
        {
            writer.Start();
            for (var i = 0; i < 1000; i++)
            {
                writer.Row(i, 1, i, e, "BarClosed"u8, "run"u8, 42);
            }

            writer.Finish();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        writer.Start();
        for (var i = 0; i < 1000; i++)
        {
            writer.Row(i, 1, i, e, "BarClosed"u8, "run"u8, 42);
        }

        writer.Finish();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
}
