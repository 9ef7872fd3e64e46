namespace IctEngine.Smc.Reference;

/// <summary>
/// Runs one reference function by its CLI name (<c>swing-highs-lows</c>, <c>fvg</c>, <c>bos-choch</c>, <c>ob</c>,
/// <c>liquidity</c>, <c>previous-high-low</c>, <c>sessions</c>, <c>retracements</c>) and returns the library's
/// output frame. Bad names or parameters are <see cref="FormatException"/>s with a one-line reason.
/// </summary>
public static class ReferenceRunner
{
    private static readonly (string Name, ReferenceFunction Function)[] Names =
    [
        ("swing-highs-lows", ReferenceFunction.SwingHighsLows),
        ("fvg", ReferenceFunction.Fvg),
        ("bos-choch", ReferenceFunction.BosChoch),
        ("ob", ReferenceFunction.OrderBlocks),
        ("liquidity", ReferenceFunction.Liquidity),
        ("previous-high-low", ReferenceFunction.PreviousHighLow),
        ("sessions", ReferenceFunction.Sessions),
        ("retracements", ReferenceFunction.Retracements),
    ];

    public static IReadOnlyList<string> FunctionNames { get; } = Names.Select(n => n.Name).ToArray();

    public static ReferenceFunction ParseFunction(string name)
    {
        foreach (var (candidate, function) in Names)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(candidate.Replace('-', '_'), name, StringComparison.OrdinalIgnoreCase))
            {
                return function;
            }
        }

        throw new FormatException($"unknown function '{name}' (expected one of: {string.Join(", ", FunctionNames)})");
    }

    /// <summary>Checks the parameters the function reads before any work is done.</summary>
    public static void Validate(ReferenceFunction function, ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (function is ReferenceFunction.SwingHighsLows or ReferenceFunction.BosChoch or ReferenceFunction.OrderBlocks
            or ReferenceFunction.Liquidity or ReferenceFunction.Retracements && options.SwingLength < 1)
        {
            throw new FormatException($"--swing-length must be at least 1 (got {options.SwingLength})");
        }

        if (function == ReferenceFunction.Liquidity && !double.IsFinite(options.RangePercent))
        {
            throw new FormatException("--range-percent must be a finite number");
        }

        switch (function)
        {
            case ReferenceFunction.PreviousHighLow:
                PandasFrequency.Parse(options.TimeFrame);
                break;
            case ReferenceFunction.Sessions:
                TradingSession.Resolve(options.Session, options.StartTime, options.EndTime);
                ReferenceTimeZone.Parse(options.TimeZone);
                break;
        }
    }

    public static ReferenceTable Run(ReferenceFunction function, OhlcSeries bars, ReferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Validate(function, options);
        return function switch
        {
            ReferenceFunction.SwingHighsLows => ReferenceSmc.SwingHighsLows(bars, options.SwingLength).ToTable(),
            ReferenceFunction.Fvg => ReferenceSmc.Fvg(bars, options.JoinConsecutive).ToTable(),
            ReferenceFunction.BosChoch => ReferenceSmc.BosChoch(bars, Swings(bars, options), options.CloseBreak).ToTable(),
            ReferenceFunction.OrderBlocks => ReferenceSmc.OrderBlocks(bars, Swings(bars, options), options.CloseMitigation).ToTable(),
            ReferenceFunction.Liquidity => ReferenceSmc.Liquidity(bars, Swings(bars, options), options.RangePercent).ToTable(),
            ReferenceFunction.PreviousHighLow => ReferenceSmc.PreviousHighLow(bars, PandasFrequency.Parse(options.TimeFrame)).ToTable(),
            ReferenceFunction.Sessions => ReferenceSmc.Sessions(
                bars,
                TradingSession.Resolve(options.Session, options.StartTime, options.EndTime),
                ReferenceTimeZone.Parse(options.TimeZone)).ToTable(),
            ReferenceFunction.Retracements => ReferenceSmc.Retracements(bars, Swings(bars, options)).ToTable(),
            _ => throw new ArgumentOutOfRangeException(nameof(function)),
        };
    }

    private static SwingHighsLowsResult Swings(OhlcSeries bars, ReferenceOptions options) =>
        ReferenceSmc.SwingHighsLows(bars, options.SwingLength);
}
