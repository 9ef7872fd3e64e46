namespace IctEngine.Host.Operations;

/// <summary>
/// The values the standard alert rules watch, as delegates the host wires to the pipeline's statistics. Each is read
/// on the operations timer, never on the hot path. Return <see cref="double.NaN"/> for "unknown" (the rule skips it).
/// </summary>
public sealed class AlertInputs
{
    public Func<double> LatencyP99Ms { get; init; } = () => double.NaN;

    public Func<double> RejectRatePercent { get; init; } = () => double.NaN;

    public Func<double> FeedSilentSeconds { get; init; } = () => double.NaN;

    public Func<double> DailyLossPercentOfLimit { get; init; } = () => double.NaN;

    public Func<double> JournalLagEvents { get; init; } = () => double.NaN;
}
