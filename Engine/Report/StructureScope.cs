namespace IctEngine.Report;

/// <summary>
/// Which swings a structure break is measured on: the short (internal) or long (swing) swings of the trend-based
/// detectors, or the reference 4-swing pattern (smartmoneyconcepts' bos_choch, not drawn by default).
/// </summary>
public enum StructureScope
{
    Internal,
    Swing,
    Pattern,
}
