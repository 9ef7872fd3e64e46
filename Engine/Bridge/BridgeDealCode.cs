using IctEngine.Core;

namespace IctEngine.Bridge;

/// <summary>
/// How a fill from a <see cref="DealMessage"/> tells <see cref="Mt5Broker.Translate"/> what the deal was. Between the
/// feed and the broker the <see cref="BrokerReport.Code"/> of a fill is bridge-internal (an OrderResult's fill carries
/// the MT5 return code there, always below 2^16); a deal's fill carries this tag with the deal's entry and reason, and
/// the broker replaces it with the engine's close reason before the report reaches the ring.
/// </summary>
public static class BridgeDealCode
{
    private const int Tag = 0x4000_0000;

    /// <summary>The Code of a fill made from a deal.</summary>
    public static int Encode(BridgeDealEntry entry, BridgeDealReason reason) => Tag | ((int)entry << 8) | (int)reason;

    /// <summary>True when the code came from <see cref="Encode"/>, with its parts.</summary>
    public static bool TryDecode(int code, out BridgeDealEntry entry, out BridgeDealReason reason)
    {
        var isDeal = (code & ~0xFFFF) == Tag;
        entry = isDeal ? (BridgeDealEntry)((code >> 8) & 0xFF) : BridgeDealEntry.In;
        reason = isDeal ? (BridgeDealReason)(code & 0xFF) : BridgeDealReason.Expert;
        return isDeal;
    }

    /// <summary>
    /// The engine's close reason for an exit deal: stop-loss, take-profit and stop-out as such; anything a trader did in
    /// a terminal, app or web platform (or a corporate action) is manual; 0 for our own orders (<see cref="BridgeDealReason.Expert"/>),
    /// whose close order already says why it closed (strategy, flatten).
    /// </summary>
    public static int CloseReasonOf(BridgeDealReason reason) => reason switch
    {
        BridgeDealReason.StopLoss => (int)CloseReason.StopLoss,
        BridgeDealReason.TakeProfit => (int)CloseReason.TakeProfit,
        BridgeDealReason.StopOut => (int)CloseReason.StopOut,
        BridgeDealReason.Expert => 0,
        _ => (int)CloseReason.Manual,
    };
}
