using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

public sealed class VarintTests
{
    [Property]
    public bool Write_ThenTryRead_RoundTrips(long value)
    {
        Span<byte> buffer = stackalloc byte[Varint.MaxLength];
        var length = Varint.Write(buffer, value);
        var at = 0;
        return Varint.TryRead(buffer[..length], ref at, out var read) && read == value && at == length;
    }

    [TestCase(0L, 1)]
    [TestCase(-1L, 1)]
    [TestCase(63L, 1)]
    [TestCase(64L, 2)]
    [TestCase(1_000_000L, 3)]
    [TestCase(long.MaxValue, 10)]
    [TestCase(long.MinValue, 10)]
    public void Write_Value_TakesZigzagLength(long value, int expected)
    {
        Span<byte> buffer = stackalloc byte[Varint.MaxLength];
        Assert.That(Varint.Write(buffer, value), Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_Truncated_ReturnsFalse()
    {
        var buffer = new byte[Varint.MaxLength];
        var length = Varint.Write(buffer, 1_000_000);
        var at = 0;
        Assert.That(Varint.TryRead(buffer.AsSpan(0, length - 1), ref at, out _), Is.False);
    }

    [Test]
    public void TryRead_ElevenContinuationBytes_ReturnsFalse()
    {
        var buffer = Enumerable.Repeat((byte)0x80, 11).Append((byte)1).ToArray();
        var at = 0;
        Assert.That(Varint.TryRead(buffer, ref at, out _), Is.False);
    }

    [Test]
    public void TryReadUnsigned_TenthByteBeyond64Bits_ReturnsFalse()
    {
        var buffer = Enumerable.Repeat((byte)0xFF, 9).Append((byte)2).ToArray();
        var at = 0;
        Assert.That(Varint.TryReadUnsigned(buffer, ref at, out _), Is.False);
    }
}
