namespace IctEngine.Host.Operations;

/// <summary>
/// What the status page and <c>/health</c> show about trading: the risk stage's trading state and the account against
/// the loss limits (account currency; decimals, off the hot path). The host builds it from risk and execution.
/// </summary>
public sealed record TradingSnapshot(
    string State,
    decimal Balance,
    decimal Equity,
    decimal DayStartEquity,
    decimal DailyLossLimit,
    decimal MaxDrawdownLimit,
    decimal HighWaterMark,
    int OpenPositions)
{
    public static TradingSnapshot Unknown { get; } = new("UNKNOWN", 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Loss since the day's start (positive = loss).</summary>
    public decimal DailyLoss => Math.Max(0, DayStartEquity - Equity);

    /// <summary>Loss from the high-water mark (positive = loss).</summary>
    public decimal Drawdown => Math.Max(0, HighWaterMark - Equity);

    /// <summary>Daily loss as a percentage of the daily limit (what the drawdown alert watches), 0 when no limit.</summary>
    public double DailyLossPercentOfLimit => DailyLossLimit > 0 ? (double)(DailyLoss * 100m / DailyLossLimit) : 0;
}
