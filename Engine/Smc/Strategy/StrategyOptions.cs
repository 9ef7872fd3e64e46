namespace IctEngine.Smc.Strategy;

/// <summary>
/// Parameters of the default ICT setup (<see cref="IctSetupStrategy"/>; docs/SMC.md "Signals"). Every number the
/// setup uses is here, so a configuration file can tune it.
/// </summary>
public sealed class StrategyOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Timeframe whose last structure break gives the bias (H1).</summary>
    public int BiasTimeframeSeconds { get; init; } = 3600;

    /// <summary>Bias from the long (swing) structure instead of the short (internal) one.</summary>
    public bool BiasFromSwingStructure { get; init; }

    /// <summary>Timeframe whose CHoCH triggers a setup (M5).</summary>
    public int TriggerTimeframeSeconds { get; init; } = 300;

    /// <summary>Accept a BOS in the bias direction as a trigger too (default: CHoCH only).</summary>
    public bool AcceptBos { get; init; }

    /// <summary>Only trigger when the breaking bar closes inside a killzone.</summary>
    public bool RequireKillzone { get; init; } = true;

    /// <summary>Only longs in discount (entry below the dealing range's equilibrium), shorts in premium.</summary>
    public bool RequireDiscountPremium { get; init; } = true;

    /// <summary>Entry at the zone's midpoint (consequent encroachment) instead of its near edge.</summary>
    public bool EntryAtMidpoint { get; init; }

    /// <summary>Use the order block of the displacement first, the fair value gap only when there is none.</summary>
    public bool PreferOrderBlock { get; init; } = true;

    /// <summary>Stop distance beyond the zone's far edge, pips.</summary>
    public decimal StopBufferPips { get; init; } = 1.0m;

    /// <summary>Smallest and largest accepted risk (entry to stop), pips.</summary>
    public decimal MinRiskPips { get; init; } = 2m;

    public decimal MaxRiskPips { get; init; } = 30m;

    /// <summary>Target at the nearest opposing liquidity (equal highs/lows, else the range extreme) when it pays at least this R.</summary>
    public bool TargetOpposingLiquidity { get; init; } = true;

    public decimal MinRewardRisk { get; init; } = 1.5m;

    /// <summary>Fixed R multiple used when no opposing liquidity qualifies.</summary>
    public decimal FixedRewardRisk { get; init; } = 2m;

    /// <summary>Trigger-timeframe bars after which an untouched entry expires.</summary>
    public int ExpiryBars { get; init; } = 12;

    /// <summary>Signals tracked at once per symbol (older ones are forgotten when full).</summary>
    public int MaxPending { get; init; } = 8;
}
