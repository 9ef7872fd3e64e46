namespace IctEngine.Journal;

/// <summary>
/// The outcome of an append to one stream: the stream's version after it (the next expected version) and the
/// global position of the last event written (or already present, for an idempotent retry).
/// </summary>
public readonly record struct AppendResult(long NextExpectedVersion, long LastPosition);
