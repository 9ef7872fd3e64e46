namespace IctEngine.Core;

/// <summary>Kinds of <see cref="BrokerReport"/>.</summary>
public enum BrokerReportType : byte
{
    None = 0,
    OrderAccepted = 1,
    OrderRejected = 2,
    Fill = 3,
    OrderCancelled = 4,
    PositionState = 5,
    OrderState = 6,
    AccountState = 7,
}
