namespace IctEngine.Core;

/// <summary>
/// Static metadata of a tradable instrument, as MT5's symbol specification gives it. Prices of this instrument
/// are fixed-point with <see cref="Digits"/> decimals; volumes are lots with <see cref="VolumeDigits"/> decimals.
/// </summary>
public sealed class Instrument
{
    /// <summary>Dense index in its <see cref="InstrumentCatalog"/>; what ticks and decisions carry on the hot path.</summary>
    public int Id { get; internal set; }

    public required string Symbol { get; init; }

    /// <summary>Decimals of a quoted price (EURUSD 5, USDJPY 3, XAUUSD 3 at OANDA, 2 at many MT5 brokers).</summary>
    public required int Digits { get; init; }

    /// <summary>Decimals of a pip: 4 for EURUSD (0.0001), 2 for JPY pairs (0.01), 1 for gold (0.1).</summary>
    public required int PipDigits { get; init; }

    /// <summary>Units of the base asset in one lot (100,000 for FX, 100 oz for gold).</summary>
    public required decimal ContractSize { get; init; }

    /// <summary>Minimum price change, in price units (10^-Digits); usually 1.</summary>
    public long TickSizeUnits { get; init; } = 1;

    /// <summary>
    /// Value of one tick for one lot in the account currency, as configured (MT5's SYMBOL_TRADE_TICK_VALUE).
    /// Used when no live conversion rate is known; see <see cref="QuoteCurrency"/>.
    /// </summary>
    public required decimal TickValue { get; init; }

    public required string BaseCurrency { get; init; }

    public required string QuoteCurrency { get; init; }

    /// <summary>Lot decimals (2 means a step of 0.01 lots is representable).</summary>
    public int VolumeDigits { get; init; } = 2;

    public decimal VolumeMin { get; init; } = 0.01m;

    public decimal VolumeStep { get; init; } = 0.01m;

    public decimal VolumeMax { get; init; } = 100m;

    /// <summary>Widest spread accepted by validation, in pips.</summary>
    public decimal MaxSpreadPips { get; init; } = 50m;

    /// <summary>Scale used to turn decoded Dukascopy integer prices into a price (10^n divisor exponent).</summary>
    public int DukascopyDigits { get; init; } = 5;

    /// <summary>One point (10^-Digits) as a decimal.</summary>
    public decimal Point => 1m / Price.PowerOfTen(Digits);

    /// <summary>One pip as a decimal.</summary>
    public decimal PipSize => 1m / Price.PowerOfTen(PipDigits);

    /// <summary>One pip in price units.</summary>
    public long PipUnits => Price.PowerOfTen(Digits - PipDigits);

    /// <summary>Tick size as a decimal price.</summary>
    public decimal TickSize => TickSizeUnits * Point;

    public Price ToPrice(long units) => new(units, Digits);

    public string FormatPrice(long units) => Price.Format(units, Digits);

    public long ParsePriceUnits(string text) => Price.Parse(text, Digits).Units;

    /// <summary>A copy of this instrument under another symbol (a remapped series, a broker suffix such as "EURUSD.r").</summary>
    public Instrument WithSymbol(string symbol) => new()
    {
        Symbol = symbol,
        Digits = Digits,
        PipDigits = PipDigits,
        ContractSize = ContractSize,
        TickSizeUnits = TickSizeUnits,
        TickValue = TickValue,
        BaseCurrency = BaseCurrency,
        QuoteCurrency = QuoteCurrency,
        VolumeDigits = VolumeDigits,
        VolumeMin = VolumeMin,
        VolumeStep = VolumeStep,
        VolumeMax = VolumeMax,
        MaxSpreadPips = MaxSpreadPips,
        DukascopyDigits = DukascopyDigits,
    };

    public override string ToString() => Symbol;
}
