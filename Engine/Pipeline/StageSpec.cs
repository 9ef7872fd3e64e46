using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>
/// A stage as registered with the builder: its name, and its handler behind a generic virtual method, so a group's
/// chain type can be composed at build time from statically typed handlers (no reflection).
/// </summary>
internal abstract class StageSpec<T>
    where T : struct
{
    protected StageSpec(string name, ILifecycleAware? lifecycle)
    {
        Name = name;
        Lifecycle = lifecycle;
    }

    public string Name { get; }

    public ILifecycleAware? Lifecycle { get; }

    /// <summary>Returns a chain of this stage's handler followed by <paramref name="next"/>.</summary>
    public abstract ChainBox<T> Prepend<TNext>(TNext next, int index)
        where TNext : struct, IHandlerChain<T>;
}

/// <summary>A stage with a handler of a known type.</summary>
internal sealed class StageSpec<T, THandler> : StageSpec<T>
    where T : struct
    where THandler : IEventHandler<T>
{
    private readonly THandler _handler;

    public StageSpec(THandler handler, string name)
        : base(name, handler as ILifecycleAware) => _handler = handler;

    public override ChainBox<T> Prepend<TNext>(TNext next, int index) =>
        new ChainBox<T, HandlerLink<T, THandler, TNext>>(new HandlerLink<T, THandler, TNext>(_handler, next, index));
}
