namespace IctEngine.Pipeline;

/// <summary>
/// A stage handler that wants to know when its thread starts and stops, e.g. the journal, which flushes on
/// shutdown. Both are called on the handler's own pipeline thread, in stage order, at every start and halt.
/// </summary>
public interface ILifecycleAware
{
    /// <summary>Before the first slot after <see cref="Pipeline{T}.Start"/>.</summary>
    void OnStart();

    /// <summary>After the last slot, when the pipeline halts (normally or on a fault).</summary>
    void OnShutdown();
}
