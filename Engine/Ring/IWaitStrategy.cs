namespace IctEngine.Ring;

/// <summary>
/// How to idle while a sequence is not yet available. Implementations are structs used as generic arguments, so
/// the JIT specialises and inlines the wait loop for each strategy.
/// </summary>
public interface IWaitStrategy
{
    /// <summary>
    /// Idles once. <paramref name="attempt"/> counts the idles since the wait began (the strategy escalates with
    /// it); <paramref name="condition"/> is re-checked before any sleep that needs a signal to end.
    /// </summary>
    void Idle<TCondition>(ref int attempt, ref TCondition condition)
        where TCondition : struct, IWaitCondition;
}
