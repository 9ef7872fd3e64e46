namespace IctEngine.Journal;

/// <summary>
/// Zigzag LEB128 integers of <see cref="PgEventRecord"/>: 7 bits a byte, low bits first, the high bit set on every
/// byte but the last; zigzag maps small negative numbers (a causation id of -1) to small codes. Stream ids, versions
/// and positions take 1-4 bytes instead of 8.
/// </summary>
internal static class PgVarint
{
    public const int MaxLength = 10;

    public static int Write(Span<byte> destination, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var at = 0;
        while (zigzag >= 0x80)
        {
            destination[at++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }

        destination[at++] = (byte)zigzag;
        return at;
    }

    /// <summary>Reads one integer at <paramref name="at"/> and moves past it; false when truncated or longer than ten bytes.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, ref int at, out long value)
    {
        ulong zigzag = 0;
        for (var shift = 0; shift < 70 && at < source.Length; shift += 7)
        {
            var b = source[at++];
            zigzag |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                value = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                return true;
            }
        }

        value = 0;
        return false;
    }
}
