namespace IctEngine.Core;

/// <summary>What a ReconciliationDifference decision found (its Code) and how it was resolved: the broker is the truth.</summary>
public enum ReconciliationKind
{
    None = 0,

    /// <summary>The broker has a position we do not: adopted as is.</summary>
    PositionMissingLocally = 1,

    /// <summary>We have a position the broker does not: dropped (it was closed while we were away).</summary>
    PositionMissingAtBroker = 2,

    /// <summary>Both have the position with different volumes: the broker's volume is taken.</summary>
    VolumeMismatch = 3,

    /// <summary>Our in-flight order was filled while we were away (the broker has its position): marked filled.</summary>
    OrderFilledWhileAway = 4,

    /// <summary>Our active order is unknown to the broker and opened nothing: marked cancelled, never re-sent.</summary>
    OrderMissingAtBroker = 5,

    /// <summary>The broker has a working order we do not know: adopted into the order book.</summary>
    OrderUnknownLocally = 6,

    /// <summary>Our order was in flight and the broker has it working: marked working.</summary>
    OrderNowWorking = 7,
}
