using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// The journal's payload encoding of a <see cref="Decision"/>: compact, versioned, type-agnostic binary.
/// Layout (version 1): a version byte, the <see cref="DecisionType"/> as a varint, a varint bitmap of which of the
/// 16 value fields are non-zero (bit i = field i in the order Code, SymbolId, Timeframe, TimeNs, CorrelationId,
/// CausationId, Id, Ref0, Ref1, Ref2, A, B, C, D, E, F), then each non-zero field as a zigzag varint. Typical
/// decisions take 30-60 bytes instead of the struct's 128. Encoding is canonical (one byte string per decision),
/// which is what <see cref="DecisionHasher"/> hashes. Encode and decode work on spans and never allocate.
/// Decoders keep reading every version ever written; a new layout gets a new version byte.
/// </summary>
public static class DecisionCodec
{
    /// <summary>The version this build writes.</summary>
    public const byte CurrentVersion = 1;

    /// <summary>Upper bound of one encoded decision: version + type + bitmap + 16 ten-byte varints.</summary>
    public const int MaxEncodedSize = 1 + 3 + 3 + (FieldCount * 10);

    /// <summary>Number of value fields after the type.</summary>
    public const int FieldCount = 16;

    /// <summary>Encodes <paramref name="decision"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Encode(in Decision decision, Span<byte> destination)
    {
        if (destination.Length < MaxEncodedSize)
        {
            ThrowTooSmall(destination.Length);
        }

        var bitmap = 0u;
        for (var i = 0; i < FieldCount; i++)
        {
            if (Field(decision, i) != 0)
            {
                bitmap |= 1u << i;
            }
        }

        destination[0] = CurrentVersion;
        var pos = 1;
        pos += Varint.WriteUnsigned(destination[pos..], (ushort)decision.Type);
        pos += Varint.WriteUnsigned(destination[pos..], bitmap);
        for (var i = 0; i < FieldCount; i++)
        {
            if ((bitmap & (1u << i)) != 0)
            {
                var v = Field(decision, i);
                pos += Varint.Write(destination[pos..], v);
            }
        }

        return pos;
    }

    /// <summary>Decodes one decision from the start of <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">Truncated or malformed input, or a version this build does not know.</exception>
    public static Decision Decode(ReadOnlySpan<byte> source) => Decode(source, out _);

    /// <summary>Decodes one decision; <paramref name="consumed"/> is its encoded length (payloads can be concatenated).</summary>
    public static Decision Decode(ReadOnlySpan<byte> source, out int consumed)
    {
        if (!TryDecode(source, out var decision, out consumed, out var error))
        {
            ThrowInvalid(error);
        }

        return decision;
    }

    /// <summary>Decodes without throwing; <paramref name="error"/> says what is wrong when it returns false.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out Decision decision, out int consumed, out DecisionCodecError error)
    {
        decision = default;
        consumed = 0;
        if (source.IsEmpty)
        {
            error = DecisionCodecError.Truncated;
            return false;
        }

        var version = source[0];
        if (version != 1)
        {
            error = DecisionCodecError.UnknownVersion;
            return false;
        }

        return TryDecodeV1(source, ref decision, out consumed, out error);
    }

    private static bool TryDecodeV1(ReadOnlySpan<byte> source, ref Decision decision, out int consumed, out DecisionCodecError error)
    {
        consumed = 0;
        var pos = 1;
        if (!Varint.TryReadUnsigned(source, ref pos, out var type) || type > ushort.MaxValue)
        {
            error = type > ushort.MaxValue ? DecisionCodecError.Malformed : DecisionCodecError.Truncated;
            return false;
        }

        if (!Varint.TryReadUnsigned(source, ref pos, out var bitmap))
        {
            error = DecisionCodecError.Truncated;
            return false;
        }

        if (bitmap >> FieldCount != 0)
        {
            error = DecisionCodecError.Malformed;
            return false;
        }

        decision.Type = (DecisionType)type;
        for (var i = 0; i < FieldCount; i++)
        {
            if ((bitmap & (1ul << i)) == 0)
            {
                continue;
            }

            if (!Varint.TryReadUnsigned(source, ref pos, out var raw))
            {
                error = DecisionCodecError.Truncated;
                return false;
            }

            var value = Varint.UnZigZag(raw);
            if (i < 3 && (value < int.MinValue || value > int.MaxValue))
            {
                error = DecisionCodecError.Malformed;
                return false;
            }

            SetField(ref decision, i, value);
        }

        consumed = pos;
        error = DecisionCodecError.None;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Field(in Decision d, int index) => index switch
    {
        0 => d.Code,
        1 => d.SymbolId,
        2 => d.Timeframe,
        3 => d.TimeNs,
        4 => d.CorrelationId,
        5 => d.CausationId,
        6 => d.Id,
        7 => d.Ref0,
        8 => d.Ref1,
        9 => d.Ref2,
        10 => d.A,
        11 => d.B,
        12 => d.C,
        13 => d.D,
        14 => d.E,
        _ => d.F,
    };

    private static void SetField(ref Decision d, int index, long value)
    {
        switch (index)
        {
            case 0: d.Code = (int)value; break;
            case 1: d.SymbolId = (int)value; break;
            case 2: d.Timeframe = (int)value; break;
            case 3: d.TimeNs = value; break;
            case 4: d.CorrelationId = value; break;
            case 5: d.CausationId = value; break;
            case 6: d.Id = value; break;
            case 7: d.Ref0 = value; break;
            case 8: d.Ref1 = value; break;
            case 9: d.Ref2 = value; break;
            case 10: d.A = value; break;
            case 11: d.B = value; break;
            case 12: d.C = value; break;
            case 13: d.D = value; break;
            case 14: d.E = value; break;
            default: d.F = value; break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooSmall(int length) =>
        throw new ArgumentException($"The destination has {length} bytes; encoding needs up to {MaxEncodedSize}.", "destination");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowInvalid(DecisionCodecError error) =>
        throw new InvalidDataException(error switch
        {
            DecisionCodecError.UnknownVersion => "Decision payload has an unknown encoding version (written by a newer build?).",
            DecisionCodecError.Truncated => "Decision payload is truncated.",
            _ => "Decision payload is malformed.",
        });
}
