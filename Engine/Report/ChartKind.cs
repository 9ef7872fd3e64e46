namespace IctEngine.Report;

/// <summary>Which kind of window a chart shows.</summary>
public enum ChartKind
{
    /// <summary>A calendar window (one day for intraday timeframes) of one symbol and timeframe.</summary>
    Window,

    /// <summary>The bars around one trade, from before its entry to after its exit.</summary>
    Trade,

    /// <summary>Equity, balance and drawdown of the account, with the loss limits.</summary>
    Equity,
}
