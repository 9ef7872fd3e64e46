using System.Runtime.CompilerServices;
using IctEngine.Ring;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class RingBufferTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(100)]
    public void Constructor_NotPowerOfTwo_Throws(int size) =>
        Assert.Throws<ArgumentException>(() => _ = new RingBuffer<RingTestEvent>(size));

    [Test]
    public void Indexer_SequencesOneLapApart_SameSlot()
    {
        var ring = new RingBuffer<RingTestEvent>(8);
        ring[3].Value = 42;

        Assert.That(ring[3 + 8].Value, Is.EqualTo(42));
        Assert.That(Unsafe.AreSame(ref ring[5], ref ring[5 + (8 * 1000)]), Is.True);
        Assert.That(Unsafe.AreSame(ref ring[5], ref ring[6]), Is.False);
    }

    [Test]
    public void Indexer_EverySequence_WritesOnlyLiveSlots()
    {
        var ring = new RingBuffer<RingTestEvent>(16);
        for (long s = 0; s < 16 * 3; s++)
        {
            ring[s].Value = s + 1;
        }

        var backing = ring.BackingArray;
        var padding = ring.PaddingSlots;
        for (var i = 0; i < padding; i++)
        {
            Assert.That(backing[i].Value, Is.Zero, "leading padding untouched");
            Assert.That(backing[^(i + 1)].Value, Is.Zero, "trailing padding untouched");
        }

        Assert.That(backing.Length, Is.EqualTo(16 + (2 * padding)));
    }

    [Test]
    public void Layout_Padding_AtLeast128BytesEachSide()
    {
        var ring = new RingBuffer<RingTestEvent>(64);
        var bytes = ring.PaddingSlots * Unsafe.SizeOf<RingTestEvent>();
        var first = Unsafe.ByteOffset(ref ring.BackingArray[0], ref ring[0]);
        var afterLast = Unsafe.ByteOffset(ref ring[63], ref ring.BackingArray[^1]);

        Assert.That(bytes, Is.GreaterThanOrEqualTo(128));
        Assert.That((long)first, Is.EqualTo(bytes));
        Assert.That((long)afterLast, Is.EqualTo(bytes));
    }
}
