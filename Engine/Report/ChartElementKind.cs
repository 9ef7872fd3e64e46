namespace IctEngine.Report;

/// <summary>What a plotted object on a chart stands for (see <see cref="ChartContents"/>).</summary>
public enum ChartElementKind
{
    Candles,
    OrderBlock,
    FairValueGap,
    BreakerBlock,
    ZoneLabel,
    StructureLine,
    StructureLabel,
    LiquidityLevel,
    LiquidityLabel,
    Sweep,
    SessionBand,
    SessionLabel,
    Entry,
    Exit,
    TradePath,
    StopLine,
    TargetLine,

    /// <summary>The shaded risk (entry to stop) and reward (entry to target) boxes of a trade, as a position tool draws them.</summary>
    RiskBox,
    RewardBox,

    /// <summary>A signal that opened no position: its limit entry and what became of it.</summary>
    Signal,
    TradeLabel,

    /// <summary>The holding period of the trade a trade chart is about.</summary>
    FocusBand,
    Balance,
    Equity,
    DailyLossLimit,
    MaxLossLimit,
    Drawdown,

    /// <summary>The value of a level at the right edge of the equity chart (limits, last equity).</summary>
    LevelLabel,
}
