using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// Encodes <c>ict_events</c> rows in PostgreSQL's binary COPY format (a header, per row a field count and
/// length-prefixed big-endian fields, a -1 trailer) into one reusable buffer, for
/// <c>NpgsqlConnection.BeginRawBinaryCopy</c>. Npgsql's typed importer resolved each of the ten fields of every row
/// through its type machinery; writing the bytes directly makes the client side of an append a copy loop with no
/// per-event allocation.
/// </summary>
internal sealed class PgCopyRowWriter
{
    private const int FieldCount = 7;
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xFF, (byte)'\r', (byte)'\n', 0];

    private byte[] _buffer = new byte[1 << 16];
    private int _length;

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Start()
    {
        _length = 0;
        Append(Signature);
        WriteInt32(0);
        WriteInt32(0);
    }

    /// <summary>
    /// One row in the column order of <c>COPY ict_events (position, stream_id, version, event_id, run_id, tx, record)</c>:
    /// the indexed and filtered columns, then the <see cref="PgEventRecord"/> a reader gets back.
    /// </summary>
    public void Row(long position, long streamId, long version, in EventData e, ReadOnlySpan<byte> typeUtf8, ReadOnlySpan<byte> runUtf8, ulong transactionId)
    {
        var maxRecord = PgEventRecord.MaxSize(typeUtf8.Length, runUtf8.Length, e.Payload.Length);
        Ensure(2 + (FieldCount * 4) + (4 * 8) + 16 + runUtf8.Length + maxRecord);
        WriteInt16(FieldCount);
        WriteInt64Field(position);
        WriteInt64Field(streamId);
        WriteInt64Field(version);
        WriteInt32(16);
        e.EventId.TryWriteBytes(_buffer.AsSpan(_length, 16), bigEndian: true, out _);
        _length += 16;
        WriteBytesField(runUtf8);
        WriteInt64Field((long)transactionId);
        var recordLength = PgEventRecord.Write(_buffer.AsSpan(_length + 4, maxRecord), streamId, version, position, e, typeUtf8, runUtf8);
        WriteInt32(recordLength);
        _length += recordLength;
    }

    public void Finish()
    {
        Ensure(2);
        WriteInt16(-1);
    }

    private void WriteInt64Field(long value)
    {
        WriteInt32(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void WriteBytesField(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    private void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(_buffer.AsSpan(_length), value);
        _length += 2;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length + 8);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
