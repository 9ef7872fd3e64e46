namespace IctEngine.Bridge;

/// <summary>
/// Engine → EA: stream <see cref="Symbol"/> from the cursor (<see cref="FromMs"/>, <see cref="Skip"/>): every
/// tick at or after <see cref="FromMs"/>, except the first <see cref="Skip"/> ticks stamped exactly
/// <see cref="FromMs"/> (those the engine already has). <see cref="FromMs"/> 0 means "from now". This is how the
/// gap after a reconnect is backfilled: the EA rewinds its CopyTicks cursor to the engine's.
/// </summary>
public struct StreamFromMessage
{
    public ushort Symbol;
    public long FromMs;
    public uint Skip;
}
