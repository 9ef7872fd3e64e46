using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed unsafe class NativeRowScratchTests
{
    [Test]
    public void Copy_RowsOfOneStatement_KeepsEveryRowsBytesUntilTheNextReset()
    {
        using var scratch = new NativeRowScratch();
        var batch = new EventBatch();
        var s = batch.AddStream("a", ExpectedVersion.Any);
        var payloads = Enumerable.Range(0, 16).Select(i => Enumerable.Range(0, i * 300).Select(b => (byte)(b + i)).ToArray()).ToArray();
        foreach (var payload in payloads)
        {
            batch.Add(s, new EventData(Guid.NewGuid(), "T", payload, new EventMetadata("r", 0, 0), 0));
        }

        scratch.Reset(batch, 0, 16);
        var ids = new nint[16];
        var copies = new nint[16];
        for (var i = 0; i < 16; i++)
        {
            ids[i] = (nint)scratch.Id(batch.Event(i).EventId);
            copies[i] = (nint)scratch.Copy(batch.Event(i).Payload.Span);
        }

        for (var i = 0; i < 16; i++)
        {
            Assert.That(new Guid(new ReadOnlySpan<byte>((byte*)ids[i], 16), bigEndian: true), Is.EqualTo(batch.Event(i).EventId), $"id {i}");
            Assert.That(new ReadOnlySpan<byte>((byte*)copies[i], payloads[i].Length).ToArray(), Is.EqualTo(payloads[i]), $"payload {i}");
            Assert.That(copies[i], Is.Not.EqualTo(nint.Zero));
        }
    }
}
