namespace IctEngine.Report;

/// <summary>The kinds of price zone a chart shades.</summary>
public enum ZoneKind
{
    OrderBlock,
    FairValueGap,
    BreakerBlock,
}
