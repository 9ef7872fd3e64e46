using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// A tick as the EA sends it: MT5's <c>MqlTick</c> fields (millisecond time, broker doubles) for one wire symbol.
/// The feed converts it to a fixed-point <see cref="Tick"/>; doubles never go past the bridge.
/// </summary>
public struct TickMessage
{
    public ushort Symbol;
    public TickFlags Flags;
    public long TimeMs;
    public double Bid;
    public double Ask;
    public double Last;
    public double Volume;
}
