using IctEngine.Core;

namespace IctEngine.Smc.Structure;

/// <summary>
/// The <see cref="Decision.Code"/> values of SMC decisions (docs/SMC.md). The sign is the direction (+1 bullish / high
/// side, -1 bearish / low side); the magnitude says which kind.
/// </summary>
public static class SmcCodes
{
    /// <summary>StructureBreak: the reference 4-swing pattern (smartmoneyconcepts' bos_choch).</summary>
    public const int PatternBos = 1;
    public const int PatternChoch = 2;

    /// <summary>StructureBreak: trend-based break of the short (internal) swings.</summary>
    public const int InternalBos = 11;
    public const int InternalChoch = 12;

    /// <summary>StructureBreak: trend-based break of the long (swing) swings.</summary>
    public const int SwingBos = 21;
    public const int SwingChoch = 22;

    /// <summary>SwingDetected magnitudes: short (internal) and long swings.</summary>
    public const int ShortSwing = 1;
    public const int LongSwing = 2;

    /// <summary>SessionEvent: a session or killzone opened / closed, or a previous-period level set.</summary>
    public const int SessionOpened = 1;
    public const int SessionClosed = 2;
    public const int PeriodStarted = 3;

    /// <summary>LiquiditySwept magnitudes: wick beyond and close beyond / wick beyond and close back inside (a grab).</summary>
    public const int SweepClosedBeyond = 1;
    public const int SweepClosedInside = 2;

    /// <summary>FairValueGapDetected: magnitude 1; join_consecutive merges are reported as magnitude 2.</summary>
    public const int Gap = 1;
    public const int MergedGap = 2;

    public static string Describe(DecisionType type, int code)
    {
        var dir = code > 0 ? "bull" : code < 0 ? "bear" : "none";
        var m = Math.Abs(code);
        return type switch
        {
            DecisionType.StructureBreak => m switch
            {
                PatternBos => "BOS-pattern-" + dir,
                PatternChoch => "CHoCH-pattern-" + dir,
                InternalBos => "BOS-internal-" + dir,
                InternalChoch => "CHoCH-internal-" + dir,
                SwingBos => "BOS-swing-" + dir,
                SwingChoch => "CHoCH-swing-" + dir,
                _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            DecisionType.SwingDetected => (m == LongSwing ? "long-" : "short-") + (code > 0 ? "high" : "low"),
            DecisionType.SessionEvent => m switch
            {
                SessionOpened => "opened",
                SessionClosed => "closed",
                _ => "period",
            },
            DecisionType.StructureInvalidated => ((DecisionType)code).ToString(),
            DecisionType.RetracementUpdate => code > 0 ? "premium" : code < 0 ? "discount" : "equilibrium",
            DecisionType.LiquiditySwept => (m == SweepClosedInside ? "grab-" : "run-") + dir,
            _ => dir,
        };
    }
}
