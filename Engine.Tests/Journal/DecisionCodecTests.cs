using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class DecisionCodecTests
{
    // A version-1 payload frozen when v1 shipped: every later build must keep decoding it to the same decision.
    private const string FrozenV1Hex =
        "019303FB99030504AAB4E6ACC794F3E926CE49CC49C6010EB6990DF303FFFFFFFFFFFFFFFFFF01FEFFFFFFFFFFFFFFFF01";

    private static Decision FrozenV1Decision() => new()
    {
        Type = DecisionType.OrderFilled,
        Code = -3,
        SymbolId = 2,
        Timeframe = 0,
        TimeNs = 1_398_902_400_123_456_789,
        CorrelationId = 4711,
        CausationId = 4710,
        Id = 99,
        Ref0 = 7,
        A = 108_123,
        B = -250,
        E = long.MinValue,
        F = long.MaxValue,
    };

    [Property]
    public bool Encode_ThenDecode_RoundTrips(ushort type, int code, int symbolId, int timeframe, long[] values)
    {
        values ??= [];
        long V(int i) => values.Length == 0 ? 0 : values[i % values.Length] * (i % 3 == 0 ? 1 : -1);
        var decision = new Decision
        {
            Type = (DecisionType)type, Code = code, SymbolId = symbolId, Timeframe = timeframe,
            TimeNs = V(0), CorrelationId = V(1), CausationId = V(2), Id = V(3), Ref0 = V(4), Ref1 = V(5), Ref2 = V(6),
            A = V(7), B = V(8), C = V(9), D = V(10), E = V(11), F = V(12),
        };
        Span<byte> buffer = stackalloc byte[DecisionCodec.MaxEncodedSize];
        var length = DecisionCodec.Encode(decision, buffer);
        var decoded = DecisionCodec.Decode(buffer[..length], out var consumed);
        return consumed == length && DecisionSamples.AreEqual(decision, decoded);
    }

    [Property]
    public bool Encode_SameDecision_GivesSameBytes(int code, long value)
    {
        var decision = new Decision { Type = DecisionType.BarClosed, Code = code, A = value, TimeNs = value ^ 0x5555 };
        var a = new byte[DecisionCodec.MaxEncodedSize];
        var b = new byte[DecisionCodec.MaxEncodedSize];
        var la = DecisionCodec.Encode(decision, a);
        var lb = DecisionCodec.Encode(decision, b);
        return a.AsSpan(0, la).SequenceEqual(b.AsSpan(0, lb));
    }

    [Test]
    public void Encode_ExtremeValues_RoundTripWithinMaxSize()
    {
        var decision = new Decision
        {
            Type = (DecisionType)ushort.MaxValue, Code = int.MinValue, SymbolId = int.MaxValue, Timeframe = int.MinValue,
            TimeNs = long.MinValue, CorrelationId = long.MaxValue, CausationId = long.MinValue, Id = long.MaxValue,
            Ref0 = long.MinValue, Ref1 = long.MaxValue, Ref2 = long.MinValue, A = long.MaxValue, B = long.MinValue,
            C = long.MaxValue, D = long.MinValue, E = long.MaxValue, F = long.MinValue,
        };
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        var length = DecisionCodec.Encode(decision, buffer);
        Assert.That(length, Is.LessThanOrEqualTo(DecisionCodec.MaxEncodedSize));
        Assert.That(DecisionSamples.AreEqual(DecisionCodec.Decode(buffer.AsSpan(0, length)), decision), Is.True);
    }

    [Test]
    public void Encode_TypicalDecision_IsMuchSmallerThanTheStruct()
    {
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        var decision = DecisionSamples.Make(12345);
        decision.F = 0;
        Assert.That(DecisionCodec.Encode(decision, buffer), Is.LessThan(48));
    }

    [Test]
    public void Decode_FrozenV1Sample_StillDecodes()
    {
        var bytes = Convert.FromHexString(FrozenV1Hex);
        var decoded = DecisionCodec.Decode(bytes, out var consumed);
        Assert.That(consumed, Is.EqualTo(bytes.Length));
        Assert.That(DecisionSamples.AreEqual(decoded, FrozenV1Decision()), Is.True);

        // And this build still writes v1 byte for byte (change CurrentVersion when this has to change).
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        var length = DecisionCodec.Encode(FrozenV1Decision(), buffer);
        Assert.That(Convert.ToHexString(buffer, 0, length), Is.EqualTo(FrozenV1Hex));
    }

    [Test]
    public void Decode_TruncatedPayload_ThrowsInvalidData()
    {
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        var length = DecisionCodec.Encode(FrozenV1Decision(), buffer);
        for (var cut = 0; cut < length; cut++)
        {
            Assert.That(DecisionCodec.TryDecode(buffer.AsSpan(0, cut), out _, out _, out var error), Is.False, $"cut at {cut}");
            Assert.That(error, Is.EqualTo(DecisionCodecError.Truncated));
        }

        Assert.Throws<InvalidDataException>(() => DecisionCodec.Decode(buffer.AsSpan(0, length - 1)));
    }

    [Test]
    public void Decode_UnknownVersion_ThrowsInvalidDataSayingSo()
    {
        var error = Assert.Throws<InvalidDataException>(() => DecisionCodec.Decode([0x7F, 0x01, 0x00]))!;
        Assert.That(error.Message, Does.Contain("version"));
    }

    [Test]
    public void Decode_BitmapBeyondFields_IsMalformed()
    {
        Assert.That(DecisionCodec.TryDecode([0x01, 0x01, 0x80, 0x80, 0x04], out _, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo(DecisionCodecError.Malformed));
    }

    [Test]
    public void Decode_ConcatenatedPayloads_ReadsOneAtATime()
    {
        var buffer = new byte[DecisionCodec.MaxEncodedSize * 3];
        var length = 0;
        for (var i = 0; i < 3; i++)
        {
            length += DecisionCodec.Encode(DecisionSamples.Make(i), buffer.AsSpan(length));
        }

        var span = new ReadOnlySpan<byte>(buffer, 0, length);
        for (var i = 0; i < 3; i++)
        {
            var d = DecisionCodec.Decode(span, out var consumed);
            Assert.That(DecisionSamples.AreEqual(d, DecisionSamples.Make(i)), Is.True);
            span = span[consumed..];
        }

        Assert.That(span.IsEmpty, Is.True);
    }

    [Test]
    public void EncodeDecode_SteadyState_DoesNotAllocate()
    {
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        long sink = 0;
        for (var i = 0; i < 1_000; i++)
        {
            sink += DecisionCodec.Decode(buffer.AsSpan(0, DecisionCodec.Encode(DecisionSamples.Make(i), buffer))).Id;
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
        {
            var decision = DecisionSamples.Make(i);
            sink += DecisionCodec.Decode(buffer.AsSpan(0, DecisionCodec.Encode(decision, buffer))).Id;
        }

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sink, Is.Not.Zero);
    }
}
