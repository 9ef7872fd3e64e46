using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// The fields of one <see cref="PgEventRecord"/>, decoded once by the constructor; the type, run id and payload stay
/// slices of the record (no copy until the caller asks for one).
/// </summary>
internal readonly ref struct PgEventRecordView
{
    /// <exception cref="InvalidDataException">Not a record of a format this build reads, or truncated.</exception>
    public PgEventRecordView(ReadOnlySpan<byte> record)
    {
        if (record.Length < PgEventRecord.MinSize || record[0] != PgEventRecord.Format)
        {
            throw Malformed(record);
        }

        EventId = new Guid(record.Slice(PgEventRecord.EventIdOffset, 16), bigEndian: true);
        TimeNs = BinaryPrimitives.ReadInt64BigEndian(record[PgEventRecord.TimeNsOffset..]);
        var at = PgEventRecord.VarintsOffset;
        if (!Varint.TryRead(record, ref at, out var streamId) || !Varint.TryRead(record, ref at, out var version)
            || !Varint.TryRead(record, ref at, out var position) || !Varint.TryRead(record, ref at, out var correlation)
            || !Varint.TryRead(record, ref at, out var causation)
            || !Varint.TryRead(record, ref at, out var typeLength) || (ulong)typeLength > (ulong)(record.Length - at))
        {
            throw Malformed(record);
        }

        TypeUtf8 = record.Slice(at, (int)typeLength);
        at += (int)typeLength;
        if (!Varint.TryRead(record, ref at, out var runLength) || (ulong)runLength > (ulong)(record.Length - at))
        {
            throw Malformed(record);
        }

        RunIdUtf8 = record.Slice(at, (int)runLength);
        Payload = record[(at + (int)runLength)..];
        StreamId = streamId;
        Version = version;
        Position = position;
        CorrelationId = correlation;
        CausationId = causation;
    }

    public long StreamId { get; }

    public long Version { get; }

    public long Position { get; }

    public long CorrelationId { get; }

    public long CausationId { get; }

    public long TimeNs { get; }

    public Guid EventId { get; }

    public ReadOnlySpan<byte> TypeUtf8 { get; }

    public ReadOnlySpan<byte> RunIdUtf8 { get; }

    public ReadOnlySpan<byte> Payload { get; }

    private static InvalidDataException Malformed(ReadOnlySpan<byte> record) =>
        new($"PostgreSQL event record of {record.Length} bytes is malformed or of an unknown format (first byte {(record.IsEmpty ? -1 : record[0])}, expected {PgEventRecord.Format}).");
}
