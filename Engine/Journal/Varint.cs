using System.Runtime.CompilerServices;

namespace IctEngine.Journal;

/// <summary>
/// LEB128 integers of the journal's binary formats (<see cref="DecisionCodec"/> payloads, <see cref="PgEventRecord"/>):
/// 7 bits a byte, low bits first, the high bit set on every byte but the last. The signed forms zigzag first, which
/// maps small negative numbers (a causation id of -1) to small codes, so stream ids, versions and positions take 1-4
/// bytes instead of 8.
/// </summary>
internal static class Varint
{
    /// <summary>Most bytes one 64-bit integer takes.</summary>
    public const int MaxLength = 10;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int WriteUnsigned(Span<byte> destination, ulong value)
    {
        var at = 0;
        while (value >= 0x80)
        {
            destination[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[at++] = (byte)value;
        return at;
    }

    /// <summary>
    /// Reads one integer at <paramref name="at"/> and moves past it; false when truncated, longer than ten bytes, or
    /// beyond 64 bits.
    /// </summary>
    public static bool TryReadUnsigned(ReadOnlySpan<byte> source, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (at >= source.Length)
            {
                return false;
            }

            var b = source[at++];
            if (shift == 63 && b > 1)
            {
                return false;
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes <paramref name="value"/> zigzagged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(Span<byte> destination, long value) => WriteUnsigned(destination, ZigZag(value));

    /// <summary>Reads a zigzagged integer (<see cref="TryReadUnsigned"/>).</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int at, out long value)
    {
        var ok = TryReadUnsigned(source, ref at, out var code);
        value = ok ? UnZigZag(code) : 0;
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnZigZag(ulong code) => (long)(code >> 1) ^ -(long)(code & 1);
}
