using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class DecisionHasherTests
{
    private static string Hash(int count, Action<long, Decision[]>? tweak = null)
    {
        using var hasher = new DecisionHasher();
        var one = new Decision[1];
        for (var i = 0; i < count; i++)
        {
            one[0] = DecisionSamples.Make(i);
            tweak?.Invoke(i, one);
            hasher.Append(one[0]);
        }

        return hasher.ToHex();
    }

    [Test]
    public void ToHex_SameDecisions_SameHash()
    {
        Assert.That(Hash(1000), Is.EqualTo(Hash(1000)));
        Assert.That(Hash(1000), Has.Length.EqualTo(64).And.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public void ToHex_OneFieldDiffers_HashDiffers()
    {
        Assert.That(Hash(1000, (i, d) => d[0].E = i == 500 ? 1 : 0), Is.Not.EqualTo(Hash(1000)));
    }

    [Test]
    public void ToHex_OneDecisionMissing_HashDiffers()
    {
        Assert.That(Hash(999), Is.Not.EqualTo(Hash(1000)));
    }

    [Test]
    public void ToHex_NoDecisions_IsSha256OfNothing()
    {
        using var hasher = new DecisionHasher();
        Assert.That(hasher.ToHex(), Is.EqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }

    [Test]
    public void AppendEncoded_SameAsAppend()
    {
        using var a = new DecisionHasher();
        using var b = new DecisionHasher();
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        for (var i = 0; i < 100; i++)
        {
            var d = DecisionSamples.Make(i);
            a.Append(d);
            b.AppendEncoded(buffer.AsSpan(0, DecisionCodec.Encode(d, buffer)));
        }

        Assert.That(a.ToHex(), Is.EqualTo(b.ToHex()));
        Assert.That(a.Count, Is.EqualTo(100));
    }

    [Test]
    public void Append_SteadyState_DoesNotAllocate()
    {
        using var hasher = new DecisionHasher();
        for (var i = 0; i < 1_000; i++)
        {
            hasher.Append(DecisionSamples.Make(i));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            hasher.Append(DecisionSamples.Make(i));
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }
    [Property(MaxTest = 50)]
    public bool ToHex_AnyCountAndReadsInBetween_IsSha256OfTheConcatenatedEncodings(ushort count, byte readEvery)
    {
        // Thousands of decisions cross the hasher's internal buffer many times; reading the hash in between must
        // neither change it nor stop it from continuing.
        using var hasher = new DecisionHasher();
        var all = new List<byte>();
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        for (var i = 0; i < count % 5000; i++)
        {
            var d = DecisionSamples.Make(i);
            hasher.Append(d);
            all.AddRange(buffer.AsSpan(0, DecisionCodec.Encode(d, buffer)).ToArray());
            if (readEvery > 0 && i % readEvery == 0 && hasher.ToHex() != Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(all.ToArray())))
            {
                return false;
            }
        }

        return hasher.ToHex() == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(all.ToArray()));
    }
}
