using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// Parses the output of <c>COPY (…) TO STDOUT (FORMAT BINARY)</c> (a header, per row a field count and
/// length-prefixed big-endian fields, a -1 trailer) from <c>NpgsqlConnection.BeginRawBinaryCopy</c> through one
/// reusable buffer, while the server is still sending. Npgsql's data reader built a string for every text field and
/// went through its type machinery for each of the ten fields of every row; reading the bytes directly leaves the
/// caller's objects as the only per-row allocations.
/// </summary>
internal sealed class PgCopyRowReader
{
    private const int HeaderLength = 19;
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0];

    private byte[] _buffer = new byte[1 << 16];
    private Stream _stream = Stream.Null;
    private int _start;
    private int _end;

    /// <summary>Starts reading <paramref name="stream"/> and checks the binary COPY header.</summary>
    /// <exception cref="InvalidDataException">The stream is not binary COPY output.</exception>
    public void Start(Stream stream)
    {
        _stream = stream;
        _start = 0;
        _end = 0;
        Ensure(HeaderLength);
        if (!_buffer.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("COPY output does not start with the binary COPY signature.");
        }

        var extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(15));
        _start = HeaderLength;
        Ensure(extension);
        _start += extension;
    }

    /// <summary>Moves to the next row; false at the trailer (the stream is then read to its end).</summary>
    /// <exception cref="InvalidDataException">A row has another number of fields than <paramref name="fieldCount"/>.</exception>
    public bool NextRow(int fieldCount)
    {
        Ensure(2);
        var count = BinaryPrimitives.ReadInt16BigEndian(_buffer.AsSpan(_start));
        _start += 2;
        if (count == -1)
        {
            while (_stream.Read(_buffer, 0, _buffer.Length) > 0)
            {
            }

            _start = 0;
            _end = 0;
            return false;
        }

        if (count != fieldCount)
        {
            throw new InvalidDataException($"COPY row has {count} fields, expected {fieldCount}.");
        }

        return true;
    }

    public long Int64()
    {
        var field = Field(8);
        return BinaryPrimitives.ReadInt64BigEndian(field);
    }

    public Guid Uuid() => new(Field(16), bigEndian: true);

    /// <summary>A variable-length field (text as UTF-8, bytea); the span is valid until the next call.</summary>
    public ReadOnlySpan<byte> Bytes() => Field(-1);

    private ReadOnlySpan<byte> Field(int expectedLength)
    {
        Ensure(4);
        var length = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start));
        _start += 4;
        if (length < 0 || (expectedLength >= 0 && length != expectedLength))
        {
            throw new InvalidDataException(
                length < 0 ? "COPY row has a NULL field where the schema allows none." : $"COPY field has {length} bytes, expected {expectedLength}.");
        }

        Ensure(length);
        var field = _buffer.AsSpan(_start, length);
        _start += length;
        return field;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes contiguous in the buffer.</summary>
    private void Ensure(int count)
    {
        if (_end - _start >= count)
        {
            return;
        }

        Refill(count);
    }

    private void Refill(int count)
    {
        var unread = _end - _start;
        if (count > _buffer.Length)
        {
            var larger = new byte[Math.Max(count, _buffer.Length * 2)];
            _buffer.AsSpan(_start, unread).CopyTo(larger);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        _start = 0;
        _end = unread;
        while (_end < count)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                throw new InvalidDataException($"COPY output ended in the middle of a row ({_end} of {count} bytes).");
            }

            _end += read;
        }
    }
}
