using System.Globalization;

namespace IctEngine.Core;

/// <summary>
/// An exact amount of account currency held as an integer count of micro-units (10^-6), so P&amp;L and equity can be
/// summed on the hot path without rounding drift. Conversion to <see cref="decimal"/> is exact.
/// </summary>
public readonly record struct Money(long Micros) : IComparable<Money>
{
    public const long MicrosPerUnit = 1_000_000L;

    public static Money Zero => default;

    public static Money FromDecimal(decimal amount) => new((long)decimal.Round(amount * MicrosPerUnit, MidpointRounding.ToEven));

    public decimal ToDecimal() => Micros / (decimal)MicrosPerUnit;

    public static Money operator +(Money a, Money b) => new(a.Micros + b.Micros);
    public static Money operator -(Money a, Money b) => new(a.Micros - b.Micros);
    public static Money operator -(Money a) => new(-a.Micros);
    public static bool operator <(Money a, Money b) => a.Micros < b.Micros;
    public static bool operator >(Money a, Money b) => a.Micros > b.Micros;
    public static bool operator <=(Money a, Money b) => a.Micros <= b.Micros;
    public static bool operator >=(Money a, Money b) => a.Micros >= b.Micros;

    public int CompareTo(Money other) => Micros.CompareTo(other.Micros);

    /// <summary>Two decimals, invariant culture (money as a person reads it).</summary>
    public override string ToString() => ToDecimal().ToString("0.00", CultureInfo.InvariantCulture);
}
