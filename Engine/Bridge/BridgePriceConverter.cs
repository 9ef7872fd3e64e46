using System.Runtime.CompilerServices;
using IctEngine.Core;

namespace IctEngine.Bridge;

/// <summary>
/// Turns a broker's double price into fixed-point units of the instrument's digits, the one place a double price is
/// accepted. Rounds to the nearest unit (a double like 1.08091 is 108090.99999999999 units before rounding).
/// </summary>
public static class BridgePriceConverter
{
    // 2^53: beyond it a double no longer holds every integer, so the units would be approximate.
    private const double MaxUnits = 9_007_199_254_740_992d;

    /// <summary>Converts a price that must be present; NaN, infinities, overflow and values &lt;= 0 are rejected.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RejectReason TryToUnits(double price, int digits, out long units)
    {
        var scaled = price * Price.PowerOfTen(digits);
        if (!double.IsFinite(scaled) || Math.Abs(scaled) >= MaxUnits)
        {
            units = 0;
            return RejectReason.NonFinitePrice;
        }

        units = (long)Math.Round(scaled, MidpointRounding.ToEven);
        return units > 0 ? RejectReason.None : RejectReason.NonPositivePrice;
    }

    /// <summary>Converts an optional price (stop loss, take profit): 0 stays 0 (none); anything invalid becomes 0.</summary>
    public static long ToUnitsOrZero(double price, int digits) =>
        TryToUnits(price, digits, out var units) == RejectReason.None ? units : 0;

    /// <summary>Units back to the broker's double (nearest double to the exact decimal value).</summary>
    public static double ToDouble(long units, int digits) => units == 0 ? 0d : units / (double)Price.PowerOfTen(digits);

    /// <summary>Lots (double) to lot units of <paramref name="volumeDigits"/> decimals; invalid or negative gives 0.</summary>
    public static long LotsToUnits(double lots, int volumeDigits)
    {
        var scaled = lots * Price.PowerOfTen(volumeDigits);
        return double.IsFinite(scaled) && scaled > 0 && scaled < MaxUnits ? (long)Math.Round(scaled) : 0;
    }

    /// <summary>Money (double) to <see cref="Money"/> micros; invalid values give 0.</summary>
    public static long MoneyToMicros(double amount)
    {
        var scaled = amount * Money.MicrosPerUnit;
        return double.IsFinite(scaled) && Math.Abs(scaled) < MaxUnits ? (long)Math.Round(scaled) : 0;
    }
}
