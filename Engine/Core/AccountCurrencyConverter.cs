namespace IctEngine.Core;

/// <summary>
/// Values price moves in the account currency, exactly, from the latest quotes: a quote-currency amount is converted
/// through the pair that links it to the account currency (USDJPY for JPY: divide by its mid; GBPUSD for GBP:
/// multiply), and falls back to the instrument's configured <see cref="Instrument.TickValue"/> when no such pair is
/// known or has not quoted yet. Integer arithmetic (128-bit intermediates), truncated toward zero.
/// </summary>
public sealed class AccountCurrencyConverter
{
    // Quote-currency value of one price unit for one lot, in 10^-12 (so 1e-10 points still convert exactly).
    private const long PicoPerUnit = 1_000_000_000_000L;
    private const long PicoPerMicro = 1_000_000L;

    private readonly InstrumentCatalog _catalog;
    private readonly long[] _quotePicoPerUnitLot;
    private readonly long[] _fixedPicoPerUnitLot;
    private readonly long[] _quoteMicrosPerUnitLot;
    private readonly long[] _lotScale;
    private readonly int[] _via;
    private readonly bool[] _divide;
    private readonly long[] _viaScale;
    private readonly long[] _bid;
    private readonly long[] _ask;

    public AccountCurrencyConverter(InstrumentCatalog catalog, string accountCurrency = "USD")
    {
        _catalog = catalog;
        AccountCurrency = accountCurrency;
        var n = catalog.Count;
        _quotePicoPerUnitLot = new long[n];
        _fixedPicoPerUnitLot = new long[n];
        _quoteMicrosPerUnitLot = new long[n];
        _lotScale = new long[n];
        _via = new int[n];
        _divide = new bool[n];
        _viaScale = new long[n];
        _bid = new long[n];
        _ask = new long[n];
        for (var i = 0; i < n; i++)
        {
            var ins = catalog[i];
            _quotePicoPerUnitLot[i] = (long)(ins.Point * ins.ContractSize * PicoPerUnit);
            _quoteMicrosPerUnitLot[i] = _quotePicoPerUnitLot[i] % PicoPerMicro == 0 ? _quotePicoPerUnitLot[i] / PicoPerMicro : 0;
            _fixedPicoPerUnitLot[i] = (long)(ins.TickValue / ins.TickSizeUnits * PicoPerUnit);
            _lotScale[i] = Price.PowerOfTen(ins.VolumeDigits);
            _via[i] = -2;
            if (string.Equals(ins.QuoteCurrency, accountCurrency, StringComparison.OrdinalIgnoreCase))
            {
                _via[i] = -1;
                continue;
            }

            foreach (var other in catalog.All)
            {
                if (Is(other.BaseCurrency, accountCurrency) && Is(other.QuoteCurrency, ins.QuoteCurrency))
                {
                    (_via[i], _divide[i], _viaScale[i]) = (other.Id, true, Price.PowerOfTen(other.Digits));
                    break;
                }

                if (Is(other.BaseCurrency, ins.QuoteCurrency) && Is(other.QuoteCurrency, accountCurrency))
                {
                    (_via[i], _divide[i], _viaScale[i]) = (other.Id, false, Price.PowerOfTen(other.Digits));
                    break;
                }
            }
        }
    }

    public string AccountCurrency { get; }

    /// <summary>Records the latest quote of a symbol (call on every accepted tick).</summary>
    public void OnQuote(int symbolId, long bid, long ask)
    {
        _bid[symbolId] = bid;
        _ask[symbolId] = ask;
    }

    /// <summary>True when values of <paramref name="symbolId"/> are converted at <paramref name="rateSymbolId"/>'s quote.</summary>
    public bool ConvertsThrough(int symbolId, int rateSymbolId) => _via[symbolId] == rateSymbolId;

    public long Bid(int symbolId) => _bid[symbolId];

    public long Ask(int symbolId) => _ask[symbolId];

    /// <summary>True once the symbol has quoted.</summary>
    public bool HasQuote(int symbolId) => _bid[symbolId] > 0 && _ask[symbolId] > 0;

    /// <summary>
    /// Account-currency micros of a move of <paramref name="priceUnits"/> on <paramref name="volumeUnits"/> lots
    /// (10^-VolumeDigits units) of the symbol. Signed like <paramref name="priceUnits"/>.
    /// </summary>
    public long ValueMicros(int symbolId, long priceUnits, long volumeUnits)
    {
        var via = _via[symbolId];
        if (via == -1)
        {
            // Fast path (USD-quoted symbols, the common case): exact in 64 bits when the product cannot overflow.
            var micros = _quoteMicrosPerUnitLot[symbolId];
            if (micros > 0 && (ulong)(priceUnits + int.MaxValue) <= uint.MaxValue && (ulong)volumeUnits <= int.MaxValue)
            {
                var high = Math.BigMul(priceUnits * volumeUnits, micros, out long low);
                if (high == (low >> 63))
                {
                    return low / _lotScale[symbolId];
                }
            }

            return (long)((Int128)priceUnits * volumeUnits * _quotePicoPerUnitLot[symbolId] / (_lotScale[symbolId] * PicoPerMicro));
        }

        Int128 quotePico = (Int128)priceUnits * volumeUnits * _quotePicoPerUnitLot[symbolId];
        if (via >= 0 && _bid[via] > 0)
        {
            // One division, so one truncation: rate applied to the numerator, scales gathered in the denominator.
            var midTimesTwo = _bid[via] + _ask[via];
            return _divide[symbolId]
                ? (long)(quotePico * _viaScale[symbolId] * 2 / ((Int128)midTimesTwo * _lotScale[symbolId] * PicoPerMicro))
                : (long)(quotePico * midTimesTwo / ((Int128)_viaScale[symbolId] * 2 * _lotScale[symbolId] * PicoPerMicro));
        }

        return (long)((Int128)priceUnits * volumeUnits * _fixedPicoPerUnitLot[symbolId] / (_lotScale[symbolId] * PicoPerMicro));
    }

    /// <summary>
    /// Value of one tick (<see cref="Instrument.TickSizeUnits"/>) for one lot in the account currency, in
    /// <see cref="decimal"/> (for position sizing, off the per-tick path).
    /// </summary>
    public decimal TickValuePerLot(int symbolId)
    {
        var (numerator, denominator) = TickValueFraction(symbolId);
        return numerator / denominator;
    }

    /// <summary>
    /// <see cref="TickValuePerLot"/> as a fraction, so that a caller dividing by it can multiply instead and stay
    /// exact (100 JPY ÷ 150 is not a finite decimal).
    /// </summary>
    public (decimal Numerator, decimal Denominator) TickValueFraction(int symbolId)
    {
        var ins = _catalog[symbolId];
        var quoteValue = ins.TickSize * ins.ContractSize;
        var via = _via[symbolId];
        if (via == -1)
        {
            return (quoteValue, 1m);
        }

        if (via >= 0 && _bid[via] > 0)
        {
            var mid = (_bid[via] + _ask[via]) / (2m * _viaScale[symbolId]);
            return _divide[symbolId] ? (quoteValue, mid) : (quoteValue * mid, 1m);
        }

        return (ins.TickValue, 1m);
    }

    private static bool Is(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
