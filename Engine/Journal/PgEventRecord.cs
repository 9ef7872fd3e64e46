using System.Buffers.Binary;

namespace IctEngine.Journal;

/// <summary>
/// The <c>record</c> column of a PostgreSQL event row (schema 3): everything a reader returns for the event in one
/// <c>bytea</c>, so a read selects one column. PostgreSQL spends ~80 ns of backend CPU per selected column and row
/// (a send function call and a copy each), and Npgsql about as much per column on the client; with ten columns
/// that was most of a read's cost (docs/perf/pgread.md). The row's other columns (position, stream id, version, event
/// id, run id, transaction id) exist for the indexes, constraints and filters and repeat the first fields here.
/// Layout, big-endian: format byte (1), stream id, version, position, correlation id, causation id, time (8 bytes
/// each), event id (16), type length (4) and UTF-8 bytes, run id length (4) and UTF-8 bytes, then the payload (the
/// rest). Read through <see cref="PgEventRecordView"/>.
/// </summary>
internal static class PgEventRecord
{
    public const byte Format = 1;

    public const int StreamIdOffset = 1;
    public const int VersionOffset = 9;
    public const int PositionOffset = 17;
    public const int CorrelationIdOffset = 25;
    public const int CausationIdOffset = 33;
    public const int TimeNsOffset = 41;
    public const int EventIdOffset = 49;
    public const int TypeOffset = 65;

    /// <summary>Bytes of a record with no type, run id or payload.</summary>
    public const int FixedSize = TypeOffset + 4 + 4;

    /// <summary>
    /// The same record built from the columns of a schema 2 row, in SQL (the migration to schema 3). Lengths are
    /// of the UTF-8 bytes, whatever the database's encoding.
    /// </summary>
    public const string FromSchema2Columns =
        "'\\x01'::bytea || int8send(stream_id) || int8send(version) || int8send(position) || int8send(correlation_id) "
        + "|| int8send(causation_id) || int8send(time_ns) || uuid_send(event_id) "
        + "|| int4send(octet_length(convert_to(type, 'UTF8'))) || convert_to(type, 'UTF8') "
        + "|| int4send(octet_length(convert_to(run_id, 'UTF8'))) || convert_to(run_id, 'UTF8') || payload";

    public static int Size(int typeLength, int runLength, int payloadLength) => FixedSize + typeLength + runLength + payloadLength;

    /// <summary>Writes the record into <paramref name="destination"/> (at least <see cref="Size"/> bytes); returns its length.</summary>
    public static int Write(
        Span<byte> destination, long streamId, long version, long position, in EventData e, ReadOnlySpan<byte> typeUtf8, ReadOnlySpan<byte> runUtf8)
    {
        destination[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(destination[StreamIdOffset..], streamId);
        BinaryPrimitives.WriteInt64BigEndian(destination[VersionOffset..], version);
        BinaryPrimitives.WriteInt64BigEndian(destination[PositionOffset..], position);
        BinaryPrimitives.WriteInt64BigEndian(destination[CorrelationIdOffset..], e.Metadata.CorrelationId);
        BinaryPrimitives.WriteInt64BigEndian(destination[CausationIdOffset..], e.Metadata.CausationId);
        BinaryPrimitives.WriteInt64BigEndian(destination[TimeNsOffset..], e.TimeNs);
        e.EventId.TryWriteBytes(destination.Slice(EventIdOffset, 16), bigEndian: true, out _);
        var at = TypeOffset;
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], typeUtf8.Length);
        typeUtf8.CopyTo(destination[(at + 4)..]);
        at += 4 + typeUtf8.Length;
        BinaryPrimitives.WriteInt32BigEndian(destination[at..], runUtf8.Length);
        runUtf8.CopyTo(destination[(at + 4)..]);
        at += 4 + runUtf8.Length;
        var payload = e.Payload.Span;
        payload.CopyTo(destination[at..]);
        return at + payload.Length;
    }
}
