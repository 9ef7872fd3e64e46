using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

        var bytes = MemoryMarshal.AsBytes(ring.BackingArray.AsSpan());
        var live = (int)ring.FirstSlotOffset;
        var liveEnd = live + (16 * Unsafe.SizeOf<RingTestEvent>());
        Assert.That(bytes[..live].IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "leading padding untouched");
        Assert.That(bytes[liveEnd..].IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "trailing padding untouched");
        for (long s = 0; s < 16; s++)
        {
            Assert.That(ring[s].Value, Is.EqualTo(s + 1 + 32));
        }
    }

    [Test]
    public void Layout_Padding_AtLeast128BytesEachSide()
    {
        var ring = new RingBuffer<RingTestEvent>(64);
        var total = ring.BackingArray.Length * Unsafe.SizeOf<RingTestEvent>();
        var first = Unsafe.ByteOffset(ref ring.BackingArray[0], ref ring[0]);
        var afterLast = total - (first + (64 * Unsafe.SizeOf<RingTestEvent>()));

        Assert.That((long)first, Is.EqualTo((long)ring.FirstSlotOffset));
        Assert.That((long)first, Is.GreaterThanOrEqualTo(128));
        Assert.That((long)afterLast, Is.GreaterThanOrEqualTo(128));
    }

    [Test]
    public unsafe void Layout_SlotWithoutReferences_FirstSlotOnCacheLine()
    {
        for (var i = 0; i < 8; i++)
        {
            var ring = new RingBuffer<RingTestEvent>(64);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

            Assert.That((long)Unsafe.AsPointer(ref ring[0]) & 63, Is.Zero);
        }
    }

    [Test]
    public void Layout_SlotWithReferences_UnshiftedArrayElements()
    {
        var ring = new RingBuffer<ManagedSlot>(8);
        ring[3].Name = "three";

        Assert.That(ring.BackingArray[ring.FirstSlotOffset / Unsafe.SizeOf<ManagedSlot>() + 3].Name, Is.EqualTo("three"));
        Assert.That((long)ring.FirstSlotOffset % Unsafe.SizeOf<ManagedSlot>(), Is.Zero);
    }

    private struct ManagedSlot
    {
        public string? Name;
    }
}
