namespace IctEngine.Ticks;

/// <summary>
/// Walks the blocks of a <c>.ticks</c> file to find where the valid data ends: a block that is incomplete or whose
/// checksum fails is accepted as a torn tail only when it is the last thing in the file; anywhere else it is corruption.
/// </summary>
internal static class TickStoreScanner
{
    public readonly record struct Result(long ValidLength, long Ticks, int Blocks);

    public static Result Scan(FileStream file, string path)
    {
        var length = file.Length;
        long position = TickStoreFormat.FileHeaderSize;
        long ticks = 0;
        var blocks = 0;
        var header = new byte[TickStoreFormat.BlockHeaderSize];
        var payload = Array.Empty<byte>();
        while (position < length)
        {
            if (length - position < TickStoreFormat.BlockHeaderSize)
            {
                break;
            }

            file.Position = position;
            file.ReadExactly(header);
            var count = TickStoreFormat.BlockCount(header);
            var blockEnd = position + TickStoreFormat.BlockHeaderSize + ((long)count * TickStoreFormat.RecordSize);
            if (count < 0 || blockEnd > length)
            {
                break;
            }

            var size = count * TickStoreFormat.RecordSize;
            if (payload.Length < size)
            {
                payload = new byte[size];
            }

            file.ReadExactly(payload, 0, size);
            if (!TickStoreFormat.BlockChecksumMatches(header, payload.AsSpan(0, size)))
            {
                if (blockEnd < length)
                {
                    throw new InvalidDataException($"{path}: block at byte {position} is corrupt (checksum mismatch) and is not the last block.");
                }

                break;
            }

            position = blockEnd;
            ticks += count;
            blocks++;
        }

        return new Result(position, ticks, blocks);
    }
}
