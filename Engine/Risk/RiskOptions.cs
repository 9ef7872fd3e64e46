namespace IctEngine.Risk;

/// <summary>
/// Risk rules and the account they guard (bound from configuration by the host). Defaults are an FTMO-like
/// 100,000 USD challenge: 5% daily loss against the balance at midnight Europe/Prague, 10% maximum loss,
/// 0.5% risk per trade. Every rule is documented in docs/RISK.md.
/// </summary>
public sealed class RiskOptions
{
    public decimal InitialBalance { get; set; } = 100_000m;

    public string AccountCurrency { get; set; } = "USD";

    public int Leverage { get; set; } = 100;

    /// <summary>Equity risked per trade, in percent (lots = equity × risk ÷ (stop ticks × tick value)).</summary>
    public decimal RiskPerTradePercent { get; set; } = 0.5m;

    /// <summary>Daily loss limit in percent of the initial balance, against the balance at the daily reset.</summary>
    public decimal DailyLossPercent { get; set; } = 5m;

    /// <summary>Maximum loss in percent of the initial balance: equity may never go below initial − this.</summary>
    public decimal MaxLossPercent { get; set; } = 10m;

    /// <summary>When true the max-loss floor trails the highest balance seen (never falling).</summary>
    public bool TrailingMaxLoss { get; set; }

    /// <summary>IANA zone of the daily reset (midnight there; DST-aware).</summary>
    public string DailyResetTimeZone { get; set; } = "Europe/Prague";

    /// <summary>Guards fire this far (percent of initial balance) before a limit, so equity never reaches it.</summary>
    public decimal BreachBufferPercent { get; set; } = 0.5m;

    /// <summary>New risk is refused when today's loss + worst case + the trade come within this margin (percent of initial) of a limit.</summary>
    public decimal SafetyMarginPercent { get; set; } = 0.5m;

    public BreachAction BreachAction { get; set; } = BreachAction.FlattenAndHalt;

    public int MaxOpenPositions { get; set; } = 5;

    public int MaxPositionsPerSymbol { get; set; } = 2;

    public decimal MaxLotsPerSymbol { get; set; } = 20m;

    public decimal MaxTotalLots { get; set; } = 50m;

    /// <summary>Most new orders in any one second of simulated (event) time.</summary>
    public int MaxOrdersPerSecond { get; set; } = 5;

    /// <summary>Bar length for the returns that correlation is computed from.</summary>
    public TimeSpan CorrelationBarPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Bars in the rolling correlation window.</summary>
    public int CorrelationWindow { get; set; } = 48;

    /// <summary>Common bars needed before correlation blocks anything.</summary>
    public int CorrelationMinBars { get; set; } = 20;

    /// <summary>|correlation| at or above which two symbols count as the same bet.</summary>
    public double CorrelationThreshold { get; set; } = 0.8;

    /// <summary>Same-direction positions allowed on highly correlated symbols before new ones are refused.</summary>
    public int MaxCorrelatedPositions { get; set; } = 1;

    /// <summary>Refuse signals without a stop-loss (the size and the worst case need it).</summary>
    public bool RequireStopLoss { get; set; } = true;

    /// <summary>Commission per lot per side used to budget a trade's cost (match ExecutionOptions.CommissionPerLot).</summary>
    public decimal CommissionPerLot { get; set; } = 3m;
}
