using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// The fields of one <see cref="PgEventRecord"/>, read in place (no copy until the caller asks for the payload).
/// The constructor checks the format byte and that the type and run id lengths fit in the record.
/// </summary>
internal readonly ref struct PgEventRecordView
{
    private readonly ReadOnlySpan<byte> _record;
    private readonly int _runOffset;
    private readonly int _payloadOffset;

    /// <exception cref="InvalidDataException">Not a record of a format this build reads, or truncated.</exception>
    public PgEventRecordView(ReadOnlySpan<byte> record)
    {
        if (record.Length < PgEventRecord.FixedSize || record[0] != PgEventRecord.Format)
        {
            throw Malformed(record);
        }

        // Compared before adding, so a corrupt length cannot overflow into a valid-looking offset.
        var typeLength = BinaryPrimitives.ReadInt32BigEndian(record[PgEventRecord.TypeOffset..]);
        if (typeLength < 0 || typeLength > record.Length - PgEventRecord.FixedSize)
        {
            throw Malformed(record);
        }

        _runOffset = PgEventRecord.TypeOffset + 4 + typeLength;
        var runLength = BinaryPrimitives.ReadInt32BigEndian(record[_runOffset..]);
        if (runLength < 0 || runLength > record.Length - _runOffset - 4)
        {
            throw Malformed(record);
        }

        _payloadOffset = _runOffset + 4 + runLength;

        _record = record;
    }

    public long StreamId => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.StreamIdOffset..]);

    public long Version => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.VersionOffset..]);

    public long Position => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.PositionOffset..]);

    public long CorrelationId => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.CorrelationIdOffset..]);

    public long CausationId => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.CausationIdOffset..]);

    public long TimeNs => BinaryPrimitives.ReadInt64BigEndian(_record[PgEventRecord.TimeNsOffset..]);

    public Guid EventId => new(_record.Slice(PgEventRecord.EventIdOffset, 16), bigEndian: true);

    public ReadOnlySpan<byte> TypeUtf8 => _record[(PgEventRecord.TypeOffset + 4).._runOffset];

    public ReadOnlySpan<byte> RunIdUtf8 => _record[(_runOffset + 4).._payloadOffset];

    public ReadOnlySpan<byte> Payload => _record[_payloadOffset..];

    private static InvalidDataException Malformed(ReadOnlySpan<byte> record) =>
        new($"PostgreSQL event record of {record.Length} bytes is malformed or of an unknown format (first byte {(record.IsEmpty ? -1 : record[0])}, expected {PgEventRecord.Format}).");
}
