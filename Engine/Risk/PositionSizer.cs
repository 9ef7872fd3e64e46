using IctEngine.Core;

namespace IctEngine.Risk;

/// <summary>
/// Fixed-fractional position sizing: lots = (equity × risk %) ÷ (stop distance in ticks × tick value per lot),
/// rounded down to the volume step and capped at the maximum; below the minimum the trade is not taken (rounding up
/// would risk more than allowed). Tick values come from <see cref="AccountCurrencyConverter.TickValuePerLot"/>.
/// Exact <see cref="decimal"/> arithmetic (signal rate, not tick rate).
/// </summary>
public static class PositionSizer
{
    /// <summary>Volume in lot units (10^-VolumeDigits), or 0 when the budget buys less than the minimum.</summary>
    public static long Size(Instrument instrument, AccountCurrencyConverter converter, long equityMicros,
        decimal riskPercent, long stopDistanceUnits)
    {
        if (stopDistanceUnits <= 0 || equityMicros <= 0 || riskPercent <= 0)
        {
            return 0;
        }

        var budget = equityMicros / (decimal)Money.MicrosPerUnit * riskPercent / 100m;
        var ticks = stopDistanceUnits / (decimal)instrument.TickSizeUnits;
        var (numerator, denominator) = converter.TickValueFraction(instrument.Id);
        if (numerator <= 0)
        {
            return 0;
        }

        var lots = budget * denominator / (ticks * numerator);
        var scale = Price.PowerOfTen(instrument.VolumeDigits);
        var step = Math.Max(1, (long)(instrument.VolumeStep * scale));
        var units = (long)decimal.Floor(lots * scale / step) * step;
        var max = (long)(instrument.VolumeMax * scale);
        var min = (long)(instrument.VolumeMin * scale);
        units = Math.Min(units, max / step * step);
        return units < min ? 0 : units;
    }
}
