namespace IctEngine.Journal;

/// <summary>
/// Consecutive event ids stored at consecutive positions: ids whose first 8 bytes (big-endian) are
/// <see cref="High"/> and whose last 8 bytes run from <see cref="LowFirst"/> to <see cref="LowLast"/>, the first at
/// <see cref="FirstPosition"/>. <see cref="FirstIndex"/> is the first event's index in the batch (for messages).
/// </summary>
internal record struct EventIdRange(long High, long LowFirst, long LowLast, long FirstPosition, int FirstIndex);
