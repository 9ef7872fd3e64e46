using System.Text;
using IctEngine.Journal;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed unsafe class NativeUtf8CacheTests
{
    [Test]
    public void Get_SameStringTwice_ReturnsTheSamePointer()
    {
        using var cache = new NativeUtf8Cache();
        var first = cache.Get("BarClosed");
        cache.Get("OrderFilled");
        var again = cache.Get("BarClosed");
        Assert.That((nint)again.Pointer, Is.EqualTo((nint)first.Pointer));
        Assert.That(first.Length, Is.EqualTo(9));
    }

    [Test]
    public void Get_EqualStringOfAnotherInstance_ReturnsTheSamePointer()
    {
        using var cache = new NativeUtf8Cache();
        var first = cache.Get("run-" + 42);
        var other = cache.Get(string.Concat("run-", "42"));
        Assert.That((nint)other.Pointer, Is.EqualTo((nint)first.Pointer));
    }

    [Test]
    public void Get_NonAsciiString_HoldsItsUtf8Bytes()
    {
        using var cache = new NativeUtf8Cache();
        var entry = cache.Get("Zürich-€");
        Assert.That(new ReadOnlySpan<byte>(entry.Pointer, entry.Length).ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes("Zürich-€")));
    }

    [Test]
    public void Get_EmptyString_ReturnsANonNullPointerOfLengthZero()
    {
        using var cache = new NativeUtf8Cache();
        var entry = cache.Get(string.Empty);
        Assert.That((nint)entry.Pointer, Is.Not.EqualTo(nint.Zero));
        Assert.That(entry.Length, Is.Zero);
    }

    [Test]
    public void Get_MoreDistinctStringsThanTheCacheHolds_ReturnsNullPointerForTheRest()
    {
        using var cache = new NativeUtf8Cache();
        var cached = 0;
        for (var i = 0; i < 5000; i++)
        {
            cached += cache.Get("type-" + i).Pointer is null ? 0 : 1;
        }

        Assert.That(cached, Is.EqualTo(4096));
        Assert.That((nint)cache.Get("type-1").Pointer, Is.Not.EqualTo(nint.Zero));
        Assert.That((nint)cache.Get("type-4999").Pointer, Is.EqualTo(nint.Zero));
    }
}
