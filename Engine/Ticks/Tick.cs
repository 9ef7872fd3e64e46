using System.Runtime.InteropServices;

namespace IctEngine.Ticks;

/// <summary>
/// A quote tick, 48 bytes, unmanaged: UTC nanosecond time, fixed-point bid/ask in units of the instrument's digits,
/// volumes in micro-units (10^-6) of the source's volume unit (lots for MT5, millions for Dukascopy).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Tick
{
    /// <summary>Volumes are fixed-point with this many decimals.</summary>
    public const int VolumeDigits = 6;

    public long TimeNs;
    public long Bid;
    public long Ask;
    public long BidVolume;
    public long AskVolume;
    public int SymbolId;
    public TickFlags Flags;

    public Tick(long timeNs, long bid, long ask, int symbolId = 0, TickFlags flags = TickFlags.Bid | TickFlags.Ask)
    {
        TimeNs = timeNs;
        Bid = bid;
        Ask = ask;
        SymbolId = symbolId;
        Flags = flags;
    }

    /// <summary>Mid price in half-units (bid + ask), exact: avoids a division on the hot path.</summary>
    public readonly long MidTimesTwo => Bid + Ask;

    public readonly long Spread => Ask - Bid;

    public override readonly string ToString() => $"{TimeNs} {Bid}/{Ask} sym={SymbolId}";
}
