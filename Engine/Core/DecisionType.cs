namespace IctEngine.Core;

/// <summary>
/// Every kind of decision the pipeline journals. Values are part of the journal's wire format: append new kinds,
/// never renumber. The meaning of <see cref="Decision"/>'s generic fields per kind is documented in docs/EVENT-STORE.md.
/// </summary>
public enum DecisionType : ushort
{
    None = 0,

    // Validation (1..99)
    TickRejected = 1,
    FeedGap = 2,

    // Bars and SMC structure (100..199)
    BarClosed = 100,
    SwingDetected = 101,
    StructureBreak = 102,
    OrderBlockDetected = 103,
    OrderBlockMitigated = 104,
    FairValueGapDetected = 105,
    FairValueGapMitigated = 106,
    LiquidityDetected = 107,
    LiquiditySwept = 108,
    PreviousHighLowBroken = 109,
    SessionEvent = 110,
    BreakerBlockDetected = 111,
    EqualHighsLows = 112,
    StructureInvalidated = 113,
    RetracementUpdate = 114,

    // Signals (200..299)
    SignalRaised = 200,
    SignalExpired = 201,
    SignalInvalidated = 202,

    // Risk (300..399)
    RiskApproved = 300,
    RiskDenied = 301,
    TradingStateChanged = 302,
    LimitBreached = 303,

    // Execution (400..499)
    OrderSubmitted = 400,
    OrderAccepted = 401,
    OrderRejected = 402,
    OrderFilled = 403,
    OrderCancelled = 404,
    OrderExpired = 405,
    PositionOpened = 410,
    PositionChanged = 411,
    PositionClosed = 412,
    ReconciliationDifference = 420,

    /// <summary>The terminal's balance differed from ours at a reconciliation and was adopted (fields in docs/RISK.md).</summary>
    AccountReconciled = 421,

    // Host and operations (500..599)
    RunStarted = 500,
    RunCompleted = 501,
    AlertRaised = 510,
    AlertCleared = 511,
    HealthChanged = 512,
}
