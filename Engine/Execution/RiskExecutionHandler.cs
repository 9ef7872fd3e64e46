using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Risk;
using IctEngine.Smc;

namespace IctEngine.Execution;

/// <summary>
/// Risk and execution as one ring handler: they share the <see cref="AccountState"/> and must run on the same
/// thread, one after the other on each slot, whatever the threading configuration. Each still records its own
/// decision count (<see cref="PipelineStage.Risk"/>, <see cref="PipelineStage.Execution"/>) and queue.
/// </summary>
public sealed class RiskExecutionHandler : IEventHandler<EngineEvent>
{
    public RiskExecutionHandler(RiskStage risk, ExecutionStage execution)
    {
        Risk = risk;
        Execution = execution;
    }

    public RiskStage Risk { get; }

    public ExecutionStage Execution { get; }

    public AccountState Account => Execution.Account;

    /// <summary>
    /// Wires both stages with their queues: <paramref name="signals"/> comes from the SMC stage; the broker is the
    /// simulated one when <paramref name="broker"/> is null (replay).
    /// </summary>
    public static RiskExecutionHandler Create(RiskOptions riskOptions, ExecutionOptions executionOptions,
        InstrumentCatalog instruments, SpscQueue<Signal> signals, IBroker? broker = null, int decisionQueueCapacity = 1 << 14)
    {
        var account = new AccountState(instruments, riskOptions.InitialBalance, riskOptions.AccountCurrency, riskOptions.Leverage);
        var requests = new SpscQueue<OrderRequest>(1024);
        var risk = new RiskStage(riskOptions, account, signals, requests, new SpscQueue<Decision>(decisionQueueCapacity));
        var execution = new ExecutionStage(executionOptions, account, broker ?? new SimulatedBroker(executionOptions, instruments),
            requests, new SpscQueue<Decision>(decisionQueueCapacity));
        return new RiskExecutionHandler(risk, execution);
    }

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        Risk.OnEvent(ref data, sequence, endOfBatch);
        Execution.OnEvent(ref data, sequence, endOfBatch);
    }
}
