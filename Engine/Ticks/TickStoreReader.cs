using System.Runtime.InteropServices;
using IctEngine.Core;

namespace IctEngine.Ticks;

/// <summary>
/// Reads a <c>.ticks</c> store sequentially at memory speed: large reads into one reused buffer, each block's
/// checksum verified once, records copied straight into the caller's span (they are <see cref="Tick"/>s on disk).
/// A torn final block (a crash during an append) ends the stream quietly and is reported in
/// <see cref="TornTailBytes"/>; a bad block before the end throws <see cref="InvalidDataException"/>.
/// </summary>
public sealed class TickStoreReader : ITickReader
{
    private const int ChunkSize = 1 << 20;

    private readonly FileStream _file;
    private readonly long _length;
    private readonly int _symbolId;
    private byte[] _chunk = new byte[ChunkSize];
    private long _chunkFileOffset;
    private int _chunkLength;
    private int _blockOffset; // offset in _chunk of the current block's next record
    private int _blockRemaining;
    private long _position; // file offset of the next block header
    private bool _end;

    /// <summary>Opens a store. With an <paramref name="instrument"/>, its symbol and digits must match the file's.</summary>
    public TickStoreReader(string path, Instrument? instrument = null)
    {
        Path = path;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        try
        {
            _length = _file.Length;
            Span<byte> header = stackalloc byte[TickStoreFormat.FileHeaderSize];
            if (_file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                throw new InvalidDataException($"{path}: not a .ticks store (shorter than its header).");
            }

            (Symbol, Digits) = TickStoreFormat.ReadFileHeader(header, path);
            if (instrument is not null
                && (!Symbol.Equals(instrument.Symbol, StringComparison.OrdinalIgnoreCase) || Digits != instrument.Digits))
            {
                throw new InvalidDataException($"{path}: holds {Symbol} with {Digits} digits, not {instrument.Symbol} with {instrument.Digits}.");
            }

            _symbolId = instrument?.Id ?? 0;
            _position = TickStoreFormat.FileHeaderSize;
        }
        catch
        {
            _file.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public string Symbol { get; }

    public int Digits { get; }

    /// <summary>Bytes after the last valid block (a torn append); known once the end was reached.</summary>
    public long TornTailBytes { get; private set; }

    /// <summary>File offset up to which data has been consumed (for progress).</summary>
    public long BytesRead => _position;

    public long BadLines => 0;

    public string? CurrentFile => _end ? null : Path;

    /// <summary>Ticks in the file, counted by walking the block headers (only the final block's checksum is verified).</summary>
    public static long CountTicks(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        Span<byte> header = stackalloc byte[TickStoreFormat.FileHeaderSize];
        file.ReadExactly(header);
        TickStoreFormat.ReadFileHeader(header, path);
        return TickStoreScanner.Scan(file, path).Ticks;
    }

    public int Read(Span<Tick> destination)
    {
        var n = 0;
        while (n < destination.Length)
        {
            if (_blockRemaining == 0)
            {
                if (_end)
                {
                    break;
                }

                var direct = ReadBlockDirect(destination[n..]);
                if (direct > 0)
                {
                    n += direct;
                    continue;
                }

                if (!NextBlock())
                {
                    break;
                }
            }

            var take = Math.Min(_blockRemaining, destination.Length - n);
            var source = MemoryMarshal.Cast<byte, Tick>(_chunk.AsSpan(_blockOffset, take * TickStoreFormat.RecordSize));
            var target = destination.Slice(n, take);
            source.CopyTo(target);
            if (_symbolId != 0)
            {
                foreach (ref var t in target)
                {
                    t.SymbolId = _symbolId;
                }
            }

            _blockOffset += take * TickStoreFormat.RecordSize;
            _blockRemaining -= take;
            n += take;
        }

        return n;
    }

    /// <summary>
    /// Reads the next block straight into the caller's span when it fits and is not buffered yet (one copy fewer);
    /// returns its tick count, or 0 to let the buffered path handle it (including torn or corrupt blocks).
    /// </summary>
    private int ReadBlockDirect(Span<Tick> target)
    {
        if ((_position >= _chunkFileOffset && _position < _chunkFileOffset + _chunkLength)
            || _position + TickStoreFormat.BlockHeaderSize > _length)
        {
            return 0;
        }

        Span<byte> header = stackalloc byte[TickStoreFormat.BlockHeaderSize];
        if (RandomAccess.Read(_file.SafeFileHandle, header, _position) != header.Length)
        {
            return 0;
        }

        var count = TickStoreFormat.BlockCount(header);
        var size = TickStoreFormat.BlockHeaderSize + ((long)count * TickStoreFormat.RecordSize);
        if (count < 0 || count > target.Length || _position + size > _length)
        {
            return 0;
        }

        var ticks = target[..count];
        var bytes = MemoryMarshal.AsBytes(ticks);
        var offset = _position + TickStoreFormat.BlockHeaderSize;
        for (var done = 0; done < bytes.Length;)
        {
            var read = RandomAccess.Read(_file.SafeFileHandle, bytes[done..], offset + done);
            if (read == 0)
            {
                return 0;
            }

            done += read;
        }

        if (!TickStoreFormat.BlockChecksumMatches(header, bytes))
        {
            return 0;
        }

        if (_symbolId != 0)
        {
            foreach (ref var t in ticks)
            {
                t.SymbolId = _symbolId;
            }
        }

        _position += size;
        return count;
    }

    private bool NextBlock()
    {
        if (_end)
        {
            return false;
        }

        if (!Ensure(TickStoreFormat.BlockHeaderSize))
        {
            return EndAt();
        }

        var at = (int)(_position - _chunkFileOffset);
        var header = _chunk.AsSpan(at, TickStoreFormat.BlockHeaderSize);
        var count = TickStoreFormat.BlockCount(header);
        if (count < 0)
        {
            return EndAt();
        }

        var size = TickStoreFormat.BlockHeaderSize + (count * TickStoreFormat.RecordSize);
        if (!Ensure(size))
        {
            return EndAt();
        }

        at = (int)(_position - _chunkFileOffset);
        var payload = _chunk.AsSpan(at + TickStoreFormat.BlockHeaderSize, count * TickStoreFormat.RecordSize);
        if (!TickStoreFormat.BlockChecksumMatches(_chunk.AsSpan(at, TickStoreFormat.BlockHeaderSize), payload))
        {
            if (_position + size < _length)
            {
                throw new InvalidDataException($"{Path}: block at byte {_position} is corrupt (checksum mismatch) and is not the last block.");
            }

            return EndAt();
        }

        _blockOffset = at + TickStoreFormat.BlockHeaderSize;
        _blockRemaining = count;
        _position += size;
        return true;
    }

    private bool EndAt()
    {
        _end = true;
        TornTailBytes = _length - _position;
        if (TornTailBytes > TickStoreFormat.BlockHeaderSize + ((long)TickStoreFormat.MaxBlockTicks * TickStoreFormat.RecordSize))
        {
            throw new InvalidDataException($"{Path}: {TornTailBytes} bytes from byte {_position} on are not valid blocks; more than one torn append, so the file is corrupt.");
        }

        return false;
    }

    /// <summary>Makes the <paramref name="size"/> bytes at <see cref="_position"/> available in the chunk.</summary>
    private bool Ensure(int size)
    {
        if (_position + size > _length)
        {
            return false;
        }

        var chunkEnd = _chunkFileOffset + _chunkLength;
        if (_position >= _chunkFileOffset && _position + size <= chunkEnd)
        {
            return true;
        }

        // Keep what is already here from _position on (in a bigger buffer if the block needs one), then read behind it.
        var target = _chunk.Length < size ? new byte[size] : _chunk;
        var keep = 0;
        if (_position >= _chunkFileOffset && _position < chunkEnd)
        {
            keep = (int)(chunkEnd - _position);
            Buffer.BlockCopy(_chunk, (int)(_position - _chunkFileOffset), target, 0, keep);
        }

        _chunk = target;

        _chunkFileOffset = _position;
        _chunkLength = keep;
        while (_chunkLength < size)
        {
            var read = RandomAccess.Read(_file.SafeFileHandle, _chunk.AsSpan(_chunkLength), _chunkFileOffset + _chunkLength);
            if (read == 0)
            {
                return false;
            }

            _chunkLength += read;
        }

        return true;
    }

    public void Dispose() => _file.Dispose();
}
