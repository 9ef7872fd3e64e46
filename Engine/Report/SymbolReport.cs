namespace IctEngine.Report;

/// <summary>What the report knows about one symbol: bars of every timeframe, the structure found on them, sessions and trades.</summary>
public sealed class SymbolReport
{
    public required string Symbol { get; init; }

    /// <summary>Price decimals of the symbol (for labels).</summary>
    public required int Digits { get; init; }

    public List<ReportBar> Bars { get; } = [];

    public List<ReportZone> Zones { get; } = [];

    public List<ReportStructureBreak> Breaks { get; } = [];

    public List<ReportLiquidity> Liquidity { get; } = [];

    public List<ReportSession> Sessions { get; } = [];

    public List<ReportTrade> Trades { get; } = [];

    /// <summary>Every signal raised, traded or not, in time order.</summary>
    public List<ReportSignal> Signals { get; } = [];

    /// <summary>The bar timeframes present, in seconds, ascending.</summary>
    public IReadOnlyList<int> Timeframes() => Bars.Select(b => b.Timeframe).Distinct().Order().ToList();
}
