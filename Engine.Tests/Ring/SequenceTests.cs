using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Ring;
using NUnit.Framework;

namespace IctEngine.Tests.Ring;

[TestFixture]
public sealed class SequenceTests
{
    [Test]
    public void Layout_Value_HasAtLeast56BytesOfPaddingOnEachSide()
    {
        var sequence = new Sequence();
        ref var firstField = ref Unsafe.As<RawObject>(sequence).FirstByte;
        var offset = Unsafe.ByteOffset(ref firstField, ref Unsafe.As<long, byte>(ref sequence.ValueRef));

        Assert.That((long)offset, Is.EqualTo(56), "bytes of padding before the value");
        Assert.That(Unsafe.SizeOf<PaddedLong>() - (long)offset - sizeof(long), Is.GreaterThanOrEqualTo(56), "bytes after");
    }

    [Test]
    public void Layout_TwoSequences_ValuesAtLeastACacheLinePairApart()
    {
        var a = new Sequence();
        var b = new Sequence();
        var distance = Math.Abs(AddressOfValue(a) - AddressOfValue(b));

        Assert.That(distance, Is.GreaterThanOrEqualTo(120));
        GC.KeepAlive(a);
        GC.KeepAlive(b);
    }

    [Test]
    public void Value_New_IsInitialValue() => Assert.That(new Sequence().Value, Is.EqualTo(Sequence.InitialValue));

    [Test]
    public void AddAndGet_Concurrent_CountsEveryIncrement()
    {
        var sequence = new Sequence(0);
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                sequence.AddAndGet(1);
            }
        });

        Assert.That(sequence.Value, Is.EqualTo(40_000));
    }

    [Test]
    public void Minimum_Empty_ReturnsDefault() =>
        Assert.That(Sequence.Minimum([], 42), Is.EqualTo(42));

    [Test]
    public void Minimum_Several_ReturnsSmallest() =>
        Assert.That(Sequence.Minimum([new Sequence(5), new Sequence(3), new Sequence(9)], long.MaxValue), Is.EqualTo(3));

    private static unsafe long AddressOfValue(Sequence sequence)
    {
        fixed (long* value = &sequence.ValueRef)
        {
            return (long)value;
        }
    }

    private sealed class RawObject
    {
        public byte FirstByte;
    }
}
