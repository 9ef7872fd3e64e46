namespace IctEngine.Report;

/// <summary>How a report is drawn: chart sizes, which timeframes, how long runs are split into windows.</summary>
public sealed class ReportOptions
{
    public int ChartWidth { get; init; } = 1600;

    public int ChartHeight { get; init; } = 900;

    public int EquityWidth { get; init; } = 1600;

    public int EquityHeight { get; init; } = 800;

    /// <summary>
    /// Bar timeframes (seconds) to chart. Empty: per symbol the smallest timeframe of at least 5 minutes, else the
    /// smallest present (M1 days are 1,440 candles: unreadable).
    /// </summary>
    public IReadOnlyList<int> Timeframes { get; init; } = [];

    /// <summary>About this many candles per calendar window: M5 → 1 day, H1 → 5 days, H4 → 20 days.</summary>
    public int CandlesPerWindow { get; init; } = 120;

    /// <summary>Bars shown before a trade's entry and after its exit on its own chart.</summary>
    public int TradeBarsBefore { get; init; } = 40;

    public int TradeBarsAfter { get; init; } = 20;

    /// <summary>Cap on calendar-window charts per symbol and timeframe (later windows are left out, with a logged warning).</summary>
    public int MaxWindowCharts { get; init; } = 250;

    /// <summary>Cap on per-trade charts per symbol (the trades table still lists every trade and says how many have no chart).</summary>
    public int MaxTradeCharts { get; init; } = 500;

    /// <summary>Draw labels with structure ids (<c>OB #12</c>) rather than kinds only (SMC ids are 16-digit numbers).</summary>
    public bool LabelIds { get; init; }

    /// <summary>
    /// Fair value gaps and breakers thinner than this many pips are not drawn (the engine reports one-point gaps,
    /// which only clutter a chart); 0 draws every zone. Zones a trade cites are always drawn.
    /// </summary>
    public decimal MinZonePips { get; init; } = 1m;
}
