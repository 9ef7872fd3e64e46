namespace IctEngine.Report;

/// <summary>Break of structure (continuation) or change of character (reversal).</summary>
public enum StructureBreakKind
{
    Bos,
    Choch,
}
