namespace IctEngine.Smc;

/// <summary>
/// A trade setup raised by the strategy, handed from the SMC stage to risk through a queue. Prices are units of
/// the symbol's digits. It cites the ids of the structure that justified it (<see cref="Ref0"/>..<see cref="Ref2"/>).
/// </summary>
public struct Signal
{
    /// <summary>Stable id (deterministic: derived from the stream, never random).</summary>
    public long Id;
    public int SymbolId;
    public long TimeNs;

    /// <summary>+1 long, -1 short.</summary>
    public int Direction;

    /// <summary>Setup kind code (documented in docs/SMC.md).</summary>
    public int Setup;

    /// <summary>True for a limit entry at <see cref="Entry"/>, false for a market entry.</summary>
    public bool IsLimit;
    public long Entry;
    public long StopLoss;
    public long TakeProfit;

    /// <summary>UTC ns after which an unfilled entry is cancelled; 0 for none.</summary>
    public long ExpiresAtNs;

    /// <summary>Higher-timeframe bias structure id.</summary>
    public long Ref0;

    /// <summary>Trigger structure id (e.g. the lower-timeframe CHoCH).</summary>
    public long Ref1;

    /// <summary>Entry zone id (order block or fair value gap).</summary>
    public long Ref2;
}
