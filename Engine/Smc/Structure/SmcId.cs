using System.Runtime.CompilerServices;

namespace IctEngine.Smc.Structure;

/// <summary>
/// Deterministic ids for everything the SMC stage decides: a bit-packed (symbol, timeframe slot, kind, sub-kind,
/// bar index). The same stream gives the same ids, an id names exactly one thing, and it can be decoded by hand:
/// bits 52..62 symbol id + 1, 48..51 timeframe slot, 42..47 <see cref="SmcIdKind"/>, 38..41 sub-kind, 0..37 bar index.
/// </summary>
public static class SmcId
{
    private const long BarMask = (1L << 38) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Make(int symbolId, int timeframeSlot, SmcIdKind kind, int sub, long barIndex) =>
        ((long)(symbolId + 1) << 52) | ((long)(timeframeSlot & 0xF) << 48) | ((long)kind << 42)
        | ((long)(sub & 0xF) << 38) | (barIndex & BarMask);

    public static int SymbolId(long id) => (int)((id >> 52) & 0x7FF) - 1;

    public static int TimeframeSlot(long id) => (int)((id >> 48) & 0xF);

    public static SmcIdKind Kind(long id) => (SmcIdKind)((id >> 42) & 0x3F);

    public static int Sub(long id) => (int)((id >> 38) & 0xF);

    public static long BarIndex(long id) => id & BarMask;
}
