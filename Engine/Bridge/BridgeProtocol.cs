namespace IctEngine.Bridge;

/// <summary>
/// Constants of the bridge wire protocol. Every frame is <c>u32 length | u8 type | payload</c>, little-endian,
/// where <c>length</c> counts the type byte and the payload (so it is at least 1).
/// </summary>
public static class BridgeProtocol
{
    /// <summary>"ICTB" read as a little-endian u32: the first four payload bytes of Hello.</summary>
    public const uint Magic = 0x42544349;

    /// <summary>The protocol version this build speaks; Hello carries the client's, Challenge the one chosen.</summary>
    public const ushort Version = 3;

    /// <summary>
    /// The oldest client version accepted. Version 2 added the pending order expiry to OrderCommand (its payload
    /// grew); version 3 obliges the client to report every deal (<see cref="BridgeMessageType.Deal"/>) before the
    /// position or order state it changed, and money fields carry MT5's signs. An older EA would leave stop-loss exits
    /// and pending fills unreported until the next reconciliation, so it is refused with UnsupportedVersion.
    /// </summary>
    public const ushort MinVersion = 3;

    /// <summary>Length prefix (4) plus type byte (1).</summary>
    public const int HeaderSize = 5;

    /// <summary>Largest accepted value of the length field; anything larger is a framing error and ends the session.</summary>
    public const int MaxFrameLength = 64 * 1024;

    public const int NonceLength = 16;

    public const int MacLength = 32;

    /// <summary>Symbol names travel as fixed 32-byte ASCII fields, NUL-padded.</summary>
    public const int SymbolNameLength = 32;

    /// <summary>Wire symbol indices are below this (the EA numbers its configured symbols 0..n-1).</summary>
    public const int MaxWireSymbols = 1024;

    // Fixed payload sizes (type byte excluded); a frame of a known type with another size is rejected.
    public const int HelloPayload = 4 + 2 + NonceLength + 32;
    public const int ChallengePayload = 2 + NonceLength;
    public const int AuthPayload = MacLength;
    public const int WelcomePayload = 4 + 4 + MacLength;
    public const int HeartbeatPayload = 8 + 4;
    public const int TickPayload = 2 + 2 + 4 + 8 + 8 + 8 + 8 + 8;
    public const int SymbolSpecPayload = 2 + SymbolNameLength + 4 + (7 * 8);
    public const int AccountStatePayload = 8 + (4 * 8);
    public const int StreamFromPayload = 2 + 2 + 8 + 4;
    public const int OrderCommandPayload = 8 + 1 + 1 + 1 + 1 + 2 + 2 + 8 + (4 * 8) + 4 + 8;
    public const int OrderResultPayload = 8 + 4 + 1 + 1 + 2 + (3 * 8) + (5 * 8) + 8;
    public const int PositionStatePayload = 8 + 8 + 2 + 1 + 1 + (5 * 8) + 8;
    public const int OrderStatePayload = 8 + 8 + 2 + 1 + 1 + (4 * 8) + 8;
    public const int DealPayload = (4 * 8) + 2 + 1 + 1 + 1 + 1 + 2 + (8 * 8) + 8;

    /// <summary>Error payload: u16 code, u16 text length, UTF-8 text (at most this many bytes).</summary>
    public const int MaxErrorText = 512;
}
