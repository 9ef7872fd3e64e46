namespace IctEngine.Risk;

/// <summary>What risk does when a loss guard fires.</summary>
public enum BreachAction
{
    /// <summary>Close every position, cancel every working order, and halt.</summary>
    FlattenAndHalt = 0,

    /// <summary>Halt new orders and leave open positions to their stops.</summary>
    Halt = 1,

    /// <summary>Switch to <see cref="TradingState.Reducing"/>: only exposure-reducing orders.</summary>
    Reduce = 2,
}
