namespace IctEngine.Bridge;

/// <summary>Options of <see cref="BridgeFeed"/>.</summary>
public sealed class BridgeFeedOptions
{
    /// <summary>Broker symbol name → catalogue symbol (e.g. <c>EURUSD.m</c> → <c>EURUSD</c>).</summary>
    public IReadOnlyDictionary<string, string> SymbolAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Where to start a symbol the engine has no cursor for, in UTC ms: 0 = live from now (the default), otherwise
    /// the terminal streams its history from that time (bounded by what MT5 has).
    /// </summary>
    public long StartFromMs { get; init; }
}
