namespace IctEngine.Ring;

/// <summary>
/// What a waiting thread waits for, re-checked by the blocking strategy after it has announced that it is going
/// to sleep (so a publish between the check and the sleep is never missed).
/// </summary>
public interface IWaitCondition
{
    /// <summary>True when the wait is over: the sequence is available, or the waiter was alerted.</summary>
    bool IsSatisfied { get; }
}
