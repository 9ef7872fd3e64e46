using System.Runtime.InteropServices;

namespace IctEngine.Core;

/// <summary>
/// One journaled decision, as a fixed-size unmanaged struct so that stages can record decisions on the hot path
/// without allocating. The generic fields (<see cref="Ref0"/>.., <see cref="A"/>..) have a meaning per
/// <see cref="Type"/>, documented in docs/EVENT-STORE.md; prices are fixed-point units of the symbol's digits,
/// money is <see cref="Money"/> micros, volumes are lots in 10^-VolumeDigits units.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct Decision
{
    public DecisionType Type;

    /// <summary>Kind-specific code: reject reason, structure kind/direction, verdict reason, order side...</summary>
    public int Code;

    /// <summary>Instrument id in the catalogue, or -1 for account-level decisions.</summary>
    public int SymbolId;

    /// <summary>Timeframe in seconds for structure decisions, otherwise 0.</summary>
    public int Timeframe;

    /// <summary>Decision time (engine clock: tick time in replay), UTC nanoseconds.</summary>
    public long TimeNs;

    /// <summary>What caused this decision: the ring sequence of the tick, or the id of the signal/order.</summary>
    public long CorrelationId;

    /// <summary>The id of the previous decision in the chain (e.g. the verdict that led to an order), or 0.</summary>
    public long CausationId;

    /// <summary>Stable id of the thing decided (structure id, signal id, order id, position id).</summary>
    public long Id;

    public long Ref0;
    public long Ref1;
    public long Ref2;

    public long A;
    public long B;
    public long C;
    public long D;
    public long E;
    public long F;
}
