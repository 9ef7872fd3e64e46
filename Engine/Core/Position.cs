namespace IctEngine.Core;

/// <summary>
/// One open position in the <see cref="AccountState"/>. Its id is the client order id of the order that opened it
/// (as MT5 hedging accounts do), which makes it deterministic across replays.
/// </summary>
public struct Position
{
    public long Id;
    public int SymbolId;

    /// <summary>+1 long, -1 short.</summary>
    public int Side;

    /// <summary>Open volume (lots in 10^-VolumeDigits units).</summary>
    public long Volume;
    public long InitialVolume;
    public long EntryPrice;
    public long StopLoss;
    public long TakeProfit;
    public long SignalId;
    public long OpenedNs;

    /// <summary>Commission charged so far (entry and partial exits), micros.</summary>
    public long CommissionMicros;

    /// <summary>Gross P&amp;L realised by partial closes so far, micros.</summary>
    public long RealisedMicros;

    /// <summary>Floating P&amp;L at the last price of its symbol, account micros.</summary>
    public long UnrealisedMicros;
}
