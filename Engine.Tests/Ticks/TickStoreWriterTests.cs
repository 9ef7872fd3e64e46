using FsCheck;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using NUnit.Framework;

namespace IctEngine.Tests.Ticks;

[TestFixture]
public sealed class TickStoreWriterTests
{
    private static readonly IctEngine.Core.Instrument Eurusd = TickTestData.Instrument("EURUSD");

    [Property(MaxTest = 60)]
    public bool Append_AnyTicksAndBlockSize_ReadsBackIdentically(long[] values, PositiveInt blockSize)
    {
        var ticks = TickStoreFiles.FromValues(values);
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd, Math.Min(blockSize.Get, 100)))
            {
                writer.Append(ticks);
            }

            var read = TickStoreFiles.ReadAll(path);
            return read.SequenceEqual(ticks);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(MaxTest = 60)]
    public bool Open_TornTail_DropsOnlyTheTornBlockAndAppends(NonEmptyArray<long> first, long[] second, PositiveInt cut)
    {
        var a = TickStoreFiles.FromValues(first.Get);
        var b = TickStoreFiles.FromValues(second);
        var path = TickStoreFiles.NewPath();
        try
        {
            long lengthBeforeLastBlock;
            using (var writer = new TickStoreWriter(path, Eurusd, 7))
            {
                writer.Append(a);
                writer.Flush();
            }

            // The last block holds the last (count % 7, or 7) ticks; tear it somewhere inside.
            var lastBlockTicks = a.Length % 7 == 0 ? 7 : a.Length % 7;
            var lastBlockSize = 32 + (lastBlockTicks * 48);
            var length = new FileInfo(path).Length;
            lengthBeforeLastBlock = length - lastBlockSize;
            var torn = lengthBeforeLastBlock + 1 + (cut.Get % (lastBlockSize - 1));
            using (var f = new FileStream(path, FileMode.Open))
            {
                f.SetLength(torn);
            }

            var kept = a[..^lastBlockTicks];
            using (var writer = new TickStoreWriter(path, Eurusd, 7))
            {
                if (writer.TickCount != kept.Length || writer.TruncatedBytes != torn - lengthBeforeLastBlock)
                {
                    return false;
                }

                writer.Append(b);
            }

            return TickStoreFiles.ReadAll(path).SequenceEqual(kept.Concat(b));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Property(MaxTest = 40)]
    public bool Append_AfterReopen_ContinuesTheStore(long[] first, long[] second)
    {
        var a = TickStoreFiles.FromValues(first);
        var b = TickStoreFiles.FromValues(second);
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd, 16))
            {
                writer.Append(a);
            }

            using (var writer = new TickStoreWriter(path, Eurusd, 16))
            {
                writer.Append(b);
            }

            return TickStoreFiles.ReadAll(path).SequenceEqual(a.Concat(b)) && TickStoreReader.CountTicks(path) == a.Length + b.Length;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Open_OtherInstrumentsStore_ThrowsInvalidData()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using (new TickStoreWriter(path, Eurusd))
            {
            }

            Assert.That(() => new TickStoreWriter(path, TickTestData.Instrument("USDJPY")), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("EURUSD"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Flush_WithoutDispose_MakesTicksReadable()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using var writer = new TickStoreWriter(path, Eurusd);
            writer.Append(new Tick(1, 2, 3));
            writer.Flush(durable: true);

            Assert.That(TickStoreFiles.ReadAll(path).Single().Ask, Is.EqualTo(3));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void Open_MoreThanOneBlockOfGarbageAtTheEnd_ThrowsInsteadOfTruncating()
    {
        var path = TickStoreFiles.NewPath();
        try
        {
            using (var writer = new TickStoreWriter(path, Eurusd))
            {
                writer.Append(new Tick(1, 2, 3));
            }

            var before = new FileInfo(path).Length;
            using (var f = new FileStream(path, FileMode.Append))
            {
                f.Write(new byte[4 << 20]);
            }

            Assert.That(() => new TickStoreWriter(path, Eurusd), Throws.InstanceOf<InvalidDataException>().With.Message.Contain("corrupt"));
            Assert.That(new FileInfo(path).Length, Is.EqualTo(before + (4 << 20)), "nothing truncated");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
