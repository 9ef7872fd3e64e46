namespace IctEngine.Ticks;

/// <summary>
/// Walks the block headers of a <c>.ticks</c> file to find where the valid data ends, without reading the records:
/// only the final block's checksum is verified (a crash can only tear the tail; readers verify every block). What
/// follows the last good block is a torn append when it is shorter than one block; anything longer is corruption.
/// </summary>
internal static class TickStoreScanner
{
    private const long MaxBlockBytes = TickStoreFormat.BlockHeaderSize + ((long)TickStoreFormat.MaxBlockTicks * TickStoreFormat.RecordSize);

    public readonly record struct Result(long ValidLength, long Ticks, int Blocks);

    public static Result Scan(FileStream file, string path)
    {
        var length = file.Length;
        long position = TickStoreFormat.FileHeaderSize;
        long ticks = 0;
        var blocks = 0;
        var header = new byte[TickStoreFormat.BlockHeaderSize];
        while (position < length)
        {
            if (length - position < TickStoreFormat.BlockHeaderSize
                || RandomAccess.Read(file.SafeFileHandle, header, position) != header.Length)
            {
                break;
            }

            var count = TickStoreFormat.BlockCount(header);
            var blockEnd = position + TickStoreFormat.BlockHeaderSize + ((long)count * TickStoreFormat.RecordSize);
            if (count < 0 || blockEnd > length || (blockEnd == length && !FinalBlockIntact(file, header, position, count)))
            {
                break;
            }

            position = blockEnd;
            ticks += count;
            blocks++;
        }

        if (length - position > MaxBlockBytes)
        {
            throw new InvalidDataException(
                $"{path}: {length - position} bytes from byte {position} on are not valid blocks; more than one torn append, so the file is corrupt.");
        }

        return new Result(position, ticks, blocks);
    }

    private static bool FinalBlockIntact(FileStream file, byte[] header, long position, int count)
    {
        var payload = new byte[count * TickStoreFormat.RecordSize];
        var offset = position + TickStoreFormat.BlockHeaderSize;
        for (var done = 0; done < payload.Length;)
        {
            var read = RandomAccess.Read(file.SafeFileHandle, payload.AsSpan(done), offset + done);
            if (read == 0)
            {
                return false;
            }

            done += read;
        }

        return TickStoreFormat.BlockChecksumMatches(header, payload);
    }
}
