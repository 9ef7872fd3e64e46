using IctEngine.Core;

namespace IctEngine.Bridge;

/// <summary>
/// Maps the EA's wire symbol indices to <see cref="InstrumentCatalog"/> ids and back. Broker names are mapped
/// through configured aliases first (<c>EURUSD.m</c> → <c>EURUSD</c>), then by exact (case-insensitive) name.
/// Written by the session thread when a symbol specification arrives; read by the order client's thread, so entries
/// are plain ints written before they are used (a stale read at worst sees "not mapped").
/// </summary>
public sealed class BridgeSymbolMap
{
    private readonly InstrumentCatalog _catalog;
    private readonly IReadOnlyDictionary<string, string> _aliases;
    private readonly int[] _wireToId = new int[BridgeProtocol.MaxWireSymbols];
    private readonly int[] _idToWire;

    public BridgeSymbolMap(InstrumentCatalog catalog, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _catalog = catalog;
        _aliases = aliases is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(aliases, StringComparer.OrdinalIgnoreCase);
        _idToWire = new int[catalog.Count];
        Reset();
    }

    public InstrumentCatalog Catalog => _catalog;

    /// <summary>Forgets every mapping (a new session numbers its symbols afresh).</summary>
    public void Reset()
    {
        Array.Fill(_wireToId, -1);
        Array.Fill(_idToWire, -1);
    }

    /// <summary>Maps a broker symbol at a wire index; returns the catalogue instrument, or null when unknown.</summary>
    public Instrument? Map(ushort wireSymbol, string brokerName)
    {
        if (wireSymbol >= BridgeProtocol.MaxWireSymbols)
        {
            return null;
        }

        var name = _aliases.TryGetValue(brokerName, out var alias) ? alias : brokerName;
        if (!_catalog.TryGet(name, out var instrument))
        {
            return null;
        }

        _wireToId[wireSymbol] = instrument.Id;
        _idToWire[instrument.Id] = wireSymbol;
        return instrument;
    }

    /// <summary>The catalogue id of a wire symbol, or -1.</summary>
    public int IdOf(ushort wireSymbol) => wireSymbol < BridgeProtocol.MaxWireSymbols ? _wireToId[wireSymbol] : -1;

    /// <summary>The wire index of a catalogue id in the current session, or -1.</summary>
    public int WireOf(int symbolId) => (uint)symbolId < (uint)_idToWire.Length ? _idToWire[symbolId] : -1;
}
