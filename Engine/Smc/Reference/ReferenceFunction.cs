namespace IctEngine.Smc.Reference;

/// <summary>The functions of the reference library the batch mode reproduces.</summary>
public enum ReferenceFunction
{
    SwingHighsLows,
    Fvg,
    BosChoch,
    OrderBlocks,
    Liquidity,
    PreviousHighLow,
    Sessions,
    Retracements,
}
