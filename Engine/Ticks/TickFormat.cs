namespace IctEngine.Ticks;

/// <summary>The tick file formats the readers understand (see docs/TICK-STORE.md and <see cref="TickSources"/>).</summary>
public enum TickFormat
{
    /// <summary>MetaTrader 5 "Export ticks": tab-separated, broker server time, empty cells carry forward.</summary>
    Mt5 = 1,

    /// <summary>QuantConnect Lean daily tick zips (or their CSV): <c>ms_since_midnight,bid,ask</c>.</summary>
    Lean = 2,

    /// <summary>Dukascopy hourly <c>.bi5</c> files (LZMA, 20-byte big-endian records, ask first).</summary>
    Dukascopy = 3,

    /// <summary>HistData.com ASCII ticks: <c>yyyyMMdd HHmmssfff,bid,ask,vol</c>, fixed UTC-5.</summary>
    HistData = 4,

    /// <summary>The engine's own <c>.ticks</c> store.</summary>
    Native = 5,
}
