using System.Text;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

public sealed class PgEventRecordTests
{
    [Property]
    public bool Write_ThenView_RoundTripsEveryField(long streamId, long version, long position, Guid id, string type, string run, byte[] payload, long correlation, long causation, long time)
    {
        type ??= string.Empty;
        run ??= string.Empty;
        payload ??= [];
        var typeUtf8 = Encoding.UTF8.GetBytes(type);
        var runUtf8 = Encoding.UTF8.GetBytes(run);
        var e = new EventData(id, type, payload, new EventMetadata(run, correlation, causation), time);
        var buffer = new byte[PgEventRecord.MaxSize(typeUtf8.Length, runUtf8.Length, payload.Length)];
        var length = PgEventRecord.Write(buffer, streamId, version, position, e, typeUtf8, runUtf8);

        var view = new PgEventRecordView(buffer.AsSpan(0, length));
        return length <= buffer.Length
            && view.StreamId == streamId && view.Version == version && view.Position == position && view.EventId == id
            && Encoding.UTF8.GetString(view.TypeUtf8) == Encoding.UTF8.GetString(typeUtf8)
            && Encoding.UTF8.GetString(view.RunIdUtf8) == Encoding.UTF8.GetString(runUtf8)
            && view.Payload.SequenceEqual(payload)
            && view.CorrelationId == correlation && view.CausationId == causation && view.TimeNs == time;
    }

    [Test]
    public void Write_SmallDecision_TakesVarintsForTheSmallNumbers()
    {
        var e = new EventData(Guid.Empty, "BarClosed", new byte[40], new EventMetadata("run", 1, 0), 1);
        var buffer = new byte[256];
        var length = PgEventRecord.Write(buffer, 1, 2, 3, e, "BarClosed"u8, "run"u8);
        Assert.That(length, Is.EqualTo(PgEventRecord.MinSize + 9 + 3 + 40));
        Assert.That(buffer[0], Is.EqualTo(PgEventRecord.Format));
    }
}
