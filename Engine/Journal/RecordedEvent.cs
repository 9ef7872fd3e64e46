namespace IctEngine.Journal;

/// <summary>An event as stored: the appended data plus its stream version and global position.</summary>
public sealed record RecordedEvent(
    string Stream,
    long Version,
    long Position,
    Guid EventId,
    string Type,
    byte[] Payload,
    EventMetadata Metadata,
    long TimeNs);
