namespace IctEngine.Journal;

/// <summary>
/// An event to append. <see cref="EventId"/> makes appends idempotent: appending events whose ids are already
/// stored is a no-op. <see cref="Payload"/> may be a slice of a larger buffer (the journal writer encodes a whole
/// batch into one buffer), so building an <see cref="EventData"/> does not allocate.
/// </summary>
public readonly record struct EventData(
    Guid EventId,
    string Type,
    ReadOnlyMemory<byte> Payload,
    EventMetadata Metadata,
    long TimeNs);
