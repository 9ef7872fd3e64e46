namespace IctEngine.Validation;

/// <summary>Configuration of the <see cref="ValidationStage"/>: default rules, per-symbol overrides and reject logging.</summary>
public sealed class ValidationOptions
{
    /// <summary>Forex defaults everywhere, metals market hours for XAUUSD and XAGUSD.</summary>
    public static ValidationOptions Default { get; } = new();

    public SymbolValidationRules Defaults { get; init; } = new();

    /// <summary>Rules per symbol (case-insensitive) that replace <see cref="Defaults"/> for that symbol.</summary>
    public IReadOnlyDictionary<string, SymbolValidationRules> Overrides { get; init; } =
        new Dictionary<string, SymbolValidationRules>(StringComparer.OrdinalIgnoreCase)
        {
            ["XAUUSD"] = new() { MarketHours = MarketHours.Metals },
            ["XAGUSD"] = new() { MarketHours = MarketHours.Metals },
        };

    /// <summary>At most one reject log line per reason per this much tick time (deterministic: tick time, not wall time).</summary>
    public TimeSpan RejectLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    public SymbolValidationRules For(string symbol) =>
        Overrides.TryGetValue(symbol, out var rules) ? rules : Defaults;
}
