namespace IctEngine.Journal;

/// <summary>
/// A run of one key's events (a stream's or a run's) that lie close together in position order: the versions
/// <see cref="FirstVersion"/>..<see cref="LastVersion"/> (streams only) sit between <see cref="FirstPosition"/> and
/// <see cref="LastPosition"/>, with at most <see cref="StoreSegmentBuilder.MaxGap"/> - 1 foreign events between two
/// of them, so reading the key scans a bounded share of other keys' rows.
/// </summary>
internal record struct StoreSegment(int Key, long FirstVersion, long LastVersion, long FirstPosition, long LastPosition);
