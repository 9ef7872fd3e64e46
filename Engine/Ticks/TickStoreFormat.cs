using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace IctEngine.Ticks;

/// <summary>
/// Layout constants and checksum of the native <c>.ticks</c> store (documented in docs/TICK-STORE.md): a 64-byte
/// file header, then blocks of a 32-byte block header and <c>count</c> 48-byte <see cref="Tick"/> records.
/// </summary>
internal static class TickStoreFormat
{
    public const int FileHeaderSize = 64;
    public const int BlockHeaderSize = 32;
    public const int RecordSize = 48;
    public const ushort Version = 1;
    public const uint BlockMagic = 0x314B4C42; // "BLK1" little-endian
    public const int MaxBlockTicks = 1 << 16;
    public const int SymbolBytes = 16;

    public static ReadOnlySpan<byte> FileMagic => "ICTTICKS"u8;

    static TickStoreFormat()
    {
        if (Unsafe.SizeOf<Tick>() != RecordSize || !BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The .ticks store needs a little-endian machine and a 48-byte Tick.");
        }
    }

    public static void WriteFileHeader(Span<byte> header, string symbol, int digits)
    {
        header.Clear();
        FileMagic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], FileHeaderSize);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], digits);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], Tick.VolumeDigits);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], RecordSize);
        var symbolBytes = Encoding.ASCII.GetBytes(symbol);
        if (symbolBytes.Length > SymbolBytes)
        {
            throw new ArgumentException($"Symbol '{symbol}' is longer than {SymbolBytes} characters.", nameof(symbol));
        }

        symbolBytes.CopyTo(header[24..]);
        BinaryPrimitives.WriteUInt64LittleEndian(header[56..], Checksum(header[..56], 0));
    }

    /// <summary>Reads and checks a file header; returns the symbol and digits.</summary>
    public static (string Symbol, int Digits) ReadFileHeader(ReadOnlySpan<byte> header, string file)
    {
        if (header.Length < FileHeaderSize || !header.StartsWith(FileMagic))
        {
            throw new InvalidDataException($"{file}: not a .ticks store (bad magic).");
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(header[56..]) != Checksum(header[..56], 0))
        {
            throw new InvalidDataException($"{file}: the .ticks file header is corrupt (checksum mismatch).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (version != Version || BinaryPrimitives.ReadInt32LittleEndian(header[20..]) != RecordSize
            || BinaryPrimitives.ReadInt32LittleEndian(header[16..]) != Tick.VolumeDigits)
        {
            throw new InvalidDataException($"{file}: unsupported .ticks version {version}.");
        }

        var digits = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        var symbol = Encoding.ASCII.GetString(header.Slice(24, SymbolBytes)).TrimEnd('\0');
        return (symbol, digits);
    }

    public static void WriteBlockHeader(Span<byte> header, ReadOnlySpan<Tick> ticks)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header, BlockMagic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], ticks.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], ticks[0].TimeNs);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], ticks[^1].TimeNs);
        BinaryPrimitives.WriteUInt64LittleEndian(header[24..], Checksum(MemoryMarshal.AsBytes(ticks), Checksum(header[..24], 0)));
    }

    /// <summary>Tick count of a block header, or -1 when it is not one (torn or foreign bytes).</summary>
    public static int BlockCount(ReadOnlySpan<byte> header)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != BlockMagic)
        {
            return -1;
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        return count is > 0 and <= MaxBlockTicks ? count : -1;
    }

    public static bool BlockChecksumMatches(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        BinaryPrimitives.ReadUInt64LittleEndian(header[24..]) == Checksum(payload, Checksum(header[..24], 0));

    /// <summary>
    /// A 64-bit multiply-rotate hash over 8-byte words in four independent lanes (so it runs at several GB/s),
    /// folded with the length. Detects torn writes and bit rot; not cryptographic.
    /// </summary>
    public static ulong Checksum(ReadOnlySpan<byte> data, ulong seed)
    {
        const ulong P1 = 0x9E3779B185EBCA87UL;
        const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
        // Unchecked loads: the JIT cannot prove words[i + 1..3] in range, and the bounds checks cost more than the hash.
        var wordCount = data.Length >> 3;
        ref var word = ref Unsafe.As<byte, ulong>(ref MemoryMarshal.GetReference(data));
        ulong a = seed + P1, b = seed + P2, c = seed ^ P1, d = seed - P2;
        nint i = 0;
        for (; i + 4 <= wordCount; i += 4)
        {
            a = BitOperations.RotateLeft((a ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref word, i)))) * P1, 29);
            b = BitOperations.RotateLeft((b ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref word, i + 1)))) * P1, 29);
            c = BitOperations.RotateLeft((c ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref word, i + 2)))) * P1, 29);
            d = BitOperations.RotateLeft((d ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref word, i + 3)))) * P1, 29);
        }

        for (; i < wordCount; i++)
        {
            a = BitOperations.RotateLeft((a ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ulong, byte>(ref Unsafe.Add(ref word, i)))) * P1, 29);
        }

        for (var j = wordCount * 8; j < data.Length; j++)
        {
            b = BitOperations.RotateLeft((b ^ data[j]) * P1, 29);
        }

        var h = BitOperations.RotateLeft(a, 1) + BitOperations.RotateLeft(b, 7) + BitOperations.RotateLeft(c, 12) + BitOperations.RotateLeft(d, 18);
        h ^= (ulong)data.Length * P2;
        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        return h;
    }
}
