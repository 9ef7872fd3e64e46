namespace IctEngine.Validation;

/// <summary>
/// The thresholds of the validation rules for one symbol (docs/VALIDATION.md states each rule precisely).
/// <see cref="ValidationOptions"/> holds a default set and per-symbol overrides.
/// </summary>
public sealed record SymbolValidationRules
{
    /// <summary>Reject bid &gt; ask (reason Crossed). On by default.</summary>
    public bool RejectCrossed { get; init; } = true;

    /// <summary>Reject bid == ask (reason Crossed, decision D = 1). Off by default: aggregated ECN feeds lock often.</summary>
    public bool RejectLocked { get; init; }

    /// <summary>Widest accepted spread in pips; null uses the instrument's <c>MaxSpreadPips</c>.</summary>
    public decimal? MaxSpreadPips { get; init; }

    /// <summary>
    /// A tick whose mid moves more than this many basis points (1/100 %) from the last accepted mid is a spike
    /// candidate. 60 bp: the largest real one-tick move in the bundled data is 41 bp (gold at NFP); EURUSD's is 22 bp.
    /// </summary>
    public int SpikeThresholdBps { get; init; } = 60;

    /// <summary>
    /// Consecutive ticks that must agree with a spike candidate (within the threshold of it) for the move to be
    /// accepted as a real level change; the candidate itself stays rejected. 0 disables the spike filter.
    /// </summary>
    public int SpikeConfirmTicks { get; init; } = 1;

    /// <summary>Silence while the market is open longer than this is a feed gap; it also resets the spike reference.</summary>
    public TimeSpan GapLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>When the market is open, for gap detection.</summary>
    public MarketHours MarketHours { get; init; } = MarketHours.Forex;
}
