using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

public sealed class PgVarintTests
{
    [Property]
    public bool Write_ThenTryRead_RoundTrips(long value)
    {
        Span<byte> buffer = stackalloc byte[PgVarint.MaxLength];
        var length = PgVarint.Write(buffer, value);
        var at = 0;
        return PgVarint.TryRead(buffer[..length], ref at, out var read) && read == value && at == length;
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
        Span<byte> buffer = stackalloc byte[PgVarint.MaxLength];
        Assert.That(PgVarint.Write(buffer, value), Is.EqualTo(expected));
    }

    [Test]
    public void TryRead_Truncated_ReturnsFalse()
    {
        var buffer = new byte[PgVarint.MaxLength];
        var length = PgVarint.Write(buffer, 1_000_000);
        var at = 0;
        Assert.That(PgVarint.TryRead(buffer.AsSpan(0, length - 1), ref at, out _), Is.False);
    }

    [Test]
    public void TryRead_ElevenContinuationBytes_ReturnsFalse()
    {
        var buffer = Enumerable.Repeat((byte)0x80, 11).Append((byte)1).ToArray();
        var at = 0;
        Assert.That(PgVarint.TryRead(buffer, ref at, out _), Is.False);
    }
}
