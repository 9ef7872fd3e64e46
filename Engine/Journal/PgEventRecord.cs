namespace IctEngine.Journal;

/// <summary>
/// The <c>record</c> column of a PostgreSQL event row (schema 3): everything a reader returns for the event in one
/// <c>bytea</c>, so a read selects one column. PostgreSQL spends ~80 ns of backend CPU per selected column and row
/// (a send function call and a copy each), and Npgsql about as much per column on the client; with ten columns
/// that was most of a read's cost (docs/perf/pgread.md). The row's other columns (position, stream id, version, event
/// id, run id, transaction id) exist for the indexes, constraints and filters; the record repeats what a reader needs
/// of them, compactly (what it repeats costs append time: WAL and heap bytes).
/// Layout: format byte (1), event id (16 bytes, big-endian), time (8 bytes, big-endian), then as zigzag varints
/// (<see cref="Varint"/>) stream id, version, position, correlation id, causation id, the type's UTF-8 length and
/// bytes, the run id's UTF-8 length and bytes, and the payload (the rest). Read through <see cref="PgEventRecordView"/>.
/// </summary>
internal static class PgEventRecord
{
    public const byte Format = 1;

    public const int EventIdOffset = 1;
    public const int TimeNsOffset = 17;
    public const int VarintsOffset = 25;

    /// <summary>The smallest record: fixed fields, seven one-byte varints, empty type, run id and payload.</summary>
    public const int MinSize = VarintsOffset + 7;

    /// <summary>
    /// Creates <c>pg_temp.ict_varint(bigint)</c>, <see cref="Varint"/> in SQL, for <see cref="FromSchema2Columns"/>
    /// (numeric arithmetic: doubling a bigint near its limits would overflow).
    /// </summary>
    public const string CreateVarintFunction =
        "CREATE FUNCTION pg_temp.ict_varint(v bigint) RETURNS bytea LANGUAGE plpgsql IMMUTABLE STRICT AS $f$ "
        + "DECLARE z numeric := CASE WHEN v >= 0 THEN 2 * v::numeric ELSE -2 * v::numeric - 1 END; result bytea := ''; "
        + "BEGIN WHILE z >= 128 LOOP result := result || set_byte('\\x00'::bytea, 0, (mod(z, 128) + 128)::int); z := div(z, 128); END LOOP; "
        + "RETURN result || set_byte('\\x00'::bytea, 0, z::int); END $f$";

    /// <summary>
    /// The record built in SQL from the columns of a schema 2 row (the migration to schema 3; needs
    /// <see cref="CreateVarintFunction"/>). Lengths are of the UTF-8 bytes, whatever the database's encoding.
    /// </summary>
    public const string FromSchema2Columns =
        "'\\x01'::bytea || uuid_send(event_id) || int8send(time_ns) || pg_temp.ict_varint(stream_id) || pg_temp.ict_varint(version) "
        + "|| pg_temp.ict_varint(position) || pg_temp.ict_varint(correlation_id) || pg_temp.ict_varint(causation_id) "
        + "|| pg_temp.ict_varint(octet_length(convert_to(type, 'UTF8'))) || convert_to(type, 'UTF8') "
        + "|| pg_temp.ict_varint(octet_length(convert_to(run_id, 'UTF8'))) || convert_to(run_id, 'UTF8') || payload";

    /// <summary>Upper bound of a record's size (varints at their longest).</summary>
    public static int MaxSize(int typeLength, int runLength, int payloadLength) =>
        VarintsOffset + (7 * Varint.MaxLength) + typeLength + runLength + payloadLength;

    /// <summary>Writes the record into <paramref name="destination"/> (at least <see cref="MaxSize"/> bytes); returns its length.</summary>
    public static int Write(
        Span<byte> destination, long streamId, long version, long position, in EventData e, ReadOnlySpan<byte> typeUtf8, ReadOnlySpan<byte> runUtf8)
    {
        destination[0] = Format;
        e.EventId.TryWriteBytes(destination.Slice(EventIdOffset, 16), bigEndian: true, out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(destination[TimeNsOffset..], e.TimeNs);
        var at = VarintsOffset;
        at += Varint.Write(destination[at..], streamId);
        at += Varint.Write(destination[at..], version);
        at += Varint.Write(destination[at..], position);
        at += Varint.Write(destination[at..], e.Metadata.CorrelationId);
        at += Varint.Write(destination[at..], e.Metadata.CausationId);
        at += Varint.Write(destination[at..], typeUtf8.Length);
        typeUtf8.CopyTo(destination[at..]);
        at += typeUtf8.Length;
        at += Varint.Write(destination[at..], runUtf8.Length);
        runUtf8.CopyTo(destination[at..]);
        at += runUtf8.Length;
        var payload = e.Payload.Span;
        payload.CopyTo(destination[at..]);
        return at + payload.Length;
    }
}
