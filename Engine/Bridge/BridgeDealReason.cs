namespace IctEngine.Bridge;

/// <summary>
/// Why the terminal made a deal: MT5's <c>ENUM_DEAL_REASON</c> values, carried unchanged by
/// <see cref="DealMessage.Reason"/> (protocol 3). The engine turns the reason of an exit into its close reason.
/// </summary>
public enum BridgeDealReason : byte
{
    /// <summary>A trader in the desktop terminal (DEAL_REASON_CLIENT).</summary>
    Client = 0,

    /// <summary>A trader in the mobile app (DEAL_REASON_MOBILE).</summary>
    Mobile = 1,

    /// <summary>A trader on the web platform (DEAL_REASON_WEB).</summary>
    Web = 2,

    /// <summary>An expert advisor or script: our own orders (DEAL_REASON_EXPERT).</summary>
    Expert = 3,

    /// <summary>The position's stop-loss triggered (DEAL_REASON_SL).</summary>
    StopLoss = 4,

    /// <summary>The position's take-profit triggered (DEAL_REASON_TP).</summary>
    TakeProfit = 5,

    /// <summary>The broker closed it for lack of margin (DEAL_REASON_SO).</summary>
    StopOut = 6,

    /// <summary>Swap rollover by reopening (DEAL_REASON_ROLLOVER).</summary>
    Rollover = 7,

    /// <summary>Variation margin (DEAL_REASON_VMARGIN).</summary>
    VariationMargin = 8,

    /// <summary>A split of the instrument (DEAL_REASON_SPLIT).</summary>
    Split = 9,

    /// <summary>A corporate action (DEAL_REASON_CORPORATE_ACTION).</summary>
    CorporateAction = 10,
}
