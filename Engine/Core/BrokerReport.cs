namespace IctEngine.Core;

/// <summary>
/// A report from a broker (fill, rejection, position or account state) as an unmanaged struct, so that live
/// broker reports can be published into the ring like ticks. Prices are units of the symbol's digits, volumes
/// lots in 10^-VolumeDigits units, money in <see cref="Money"/> micros.
/// </summary>
public struct BrokerReport
{
    public BrokerReportType Type;
    public int SymbolId;
    public long TimeNs;
    public long ClientOrderId;
    public long BrokerOrderId;
    public long PositionId;

    /// <summary>+1 buy, -1 sell.</summary>
    public int Side;
    public int Code;
    public long Volume;
    public long Price;
    public long StopLoss;
    public long TakeProfit;
    public long CommissionMicros;
    public long Balance;
    public long Equity;
    public long Margin;
}
