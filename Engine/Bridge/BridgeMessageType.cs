namespace IctEngine.Bridge;

/// <summary>
/// The type byte of a bridge frame (docs/MT5-BRIDGE.md). Values are part of the wire format: append, never renumber.
/// EA→engine and engine→EA types share one space so that a frame is self-describing in captures.
/// </summary>
public enum BridgeMessageType : byte
{
    None = 0,

    // Session (both directions unless noted).
    Hello = 1,          // EA → engine
    Challenge = 2,      // engine → EA
    Auth = 3,           // EA → engine
    Welcome = 4,        // engine → EA
    Error = 5,
    Heartbeat = 6,

    // Market data and account (EA → engine, except StreamFrom).
    SymbolSpec = 16,
    Tick = 17,
    AccountState = 18,
    StreamFrom = 19,    // engine → EA: (re)start streaming a symbol from a cursor (backfill)

    // Trading.
    OrderCommand = 32,  // engine → EA
    OrderResult = 33,   // EA → engine
    PositionState = 34, // EA → engine
    OrderState = 35,    // EA → engine
    Deal = 36,          // EA → engine: one deal of our positions, whatever caused it (protocol 3)
}
