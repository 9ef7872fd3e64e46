using IctEngine.Ring;

namespace IctEngine.Pipeline;

/// <summary>A composed handler chain whose static type is only known to the subclass (build time only).</summary>
internal abstract class ChainBox<T>
    where T : struct
{
    public static ChainBox<T> Empty { get; } = new ChainBox<T, ChainEnd<T>>(default);

    /// <summary>Puts <paramref name="stage"/> in front of this chain.</summary>
    public abstract ChainBox<T> PrependStage(StageSpec<T> stage, int index);

    /// <summary>Creates the consumer for this chain, specialised for the wait strategy.</summary>
    public abstract GroupProcessor CreateProcessor(GroupProcessorSetup<T> setup, WaitStrategyKind wait, WaitSignal? signal);
}

/// <summary>A chain of static type <typeparamref name="TChain"/>.</summary>
internal sealed class ChainBox<T, TChain>(TChain chain) : ChainBox<T>
    where T : struct
    where TChain : struct, IHandlerChain<T>
{
    public override ChainBox<T> PrependStage(StageSpec<T> stage, int index) => stage.Prepend(chain, index);

    public override GroupProcessor CreateProcessor(GroupProcessorSetup<T> setup, WaitStrategyKind wait, WaitSignal? signal) =>
        wait switch
        {
            WaitStrategyKind.BusySpin => new GroupProcessor<T, TChain, BusySpinWaitStrategy>(setup, chain, default),
            WaitStrategyKind.Yielding => new GroupProcessor<T, TChain, YieldingWaitStrategy>(setup, chain, new YieldingWaitStrategy(setup.YieldSpinTries)),
            WaitStrategyKind.Sleeping => new GroupProcessor<T, TChain, SleepingWaitStrategy>(setup, chain, default),
            _ => new GroupProcessor<T, TChain, BlockingWaitStrategy>(setup, chain, new BlockingWaitStrategy(signal!)),
        };
}
