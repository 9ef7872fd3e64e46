using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>
/// Risk and execution wired as the pipeline wires them (same thread, shared account, queues between them), driven by
/// hand-made ticks and signals; decisions are drained in journal order (risk, then execution) into <see cref="Journal"/>.
/// </summary>
public sealed class RiskExecutionRig
{
    /// <summary>Monday 2024-03-04 10:00 UTC: inside market hours.</summary>
    public static readonly long Monday = Timestamp.Parse("2024-03-04 10:00:00").UnixNanoseconds;

    private readonly SpscQueue<Signal> _signals = new(1024);
    private readonly SpscQueue<Decision> _riskDecisions = new(1 << 16);
    private readonly SpscQueue<Decision> _executionDecisions = new(1 << 16);
    private long _sequence;
    private EngineEvent _event;

    public RiskExecutionRig(RiskOptions? risk = null, ExecutionOptions? execution = null, bool keepJournal = true)
    {
        RiskOptions = risk ?? new RiskOptions();
        ExecutionOptions = execution ?? new ExecutionOptions { Latency = TimeSpan.Zero };
        Instruments = InstrumentCatalog.Default;
        Account = new AccountState(Instruments, RiskOptions.InitialBalance, RiskOptions.AccountCurrency, RiskOptions.Leverage);
        Broker = new SimulatedBroker(ExecutionOptions, Instruments);
        Requests = new SpscQueue<OrderRequest>(1024);
        Risk = new RiskStage(RiskOptions, Account, _signals, Requests, _riskDecisions);
        Execution = new ExecutionStage(ExecutionOptions, Account, Broker, Requests, _executionDecisions);
        KeepJournal = keepJournal;
    }

    public RiskOptions RiskOptions { get; }

    public ExecutionOptions ExecutionOptions { get; }

    public InstrumentCatalog Instruments { get; }

    public AccountState Account { get; }

    public SimulatedBroker Broker { get; }

    public SpscQueue<OrderRequest> Requests { get; }

    public RiskStage Risk { get; }

    public ExecutionStage Execution { get; }

    public bool KeepJournal { get; set; }

    public List<Decision> Journal { get; } = [];

    public int Id(string symbol) => Instruments.Get(symbol).Id;

    /// <summary>A tick at <paramref name="timeNs"/> with prices given as decimals (converted to the symbol's units).</summary>
    public void Tick(string symbol, long timeNs, decimal bid, decimal ask)
    {
        var ins = Instruments.Get(symbol);
        Tick(new Tick(timeNs, Price.FromDecimal(bid, ins.Digits).Units, Price.FromDecimal(ask, ins.Digits).Units, ins.Id));
    }

    public void Tick(in Tick tick, int signals = 0)
    {
        _event.ClearOutputs();
        _event.Kind = EngineEventKind.Tick;
        _event.Tick = tick;
        _event.TimeNs = tick.TimeNs;
        _event.SignalCount = signals;
        Run();
    }

    /// <summary>Raises a signal on the next event (a timer at <paramref name="timeNs"/>), as the SMC stage would.</summary>
    public void Signal(in Signal signal, long timeNs)
    {
        _signals.Write(signal);
        _event.ClearOutputs();
        _event.Kind = EngineEventKind.Timer;
        _event.TimeNs = timeNs;
        _event.SignalCount = 1;
        Run();
    }

    /// <summary>A market signal with a stop (and optional target) given as decimals.</summary>
    public Signal Market(long id, string symbol, int direction, long timeNs, decimal stopLoss, decimal takeProfit = 0)
    {
        var ins = Instruments.Get(symbol);
        return new Signal
        {
            Id = id, SymbolId = ins.Id, Direction = direction, TimeNs = timeNs,
            StopLoss = Price.FromDecimal(stopLoss, ins.Digits).Units,
            TakeProfit = takeProfit == 0 ? 0 : Price.FromDecimal(takeProfit, ins.Digits).Units,
        };
    }

    /// <summary>Hands execution a request directly (as risk would) on a timer event at <paramref name="timeNs"/>.</summary>
    public void Request(in OrderRequest request, long timeNs)
    {
        Requests.Write(request);
        _event.ClearOutputs();
        _event.Kind = EngineEventKind.Timer;
        _event.TimeNs = timeNs;
        _event.OrderRequestCount = 1;
        Execution.OnEvent(ref _event, _sequence++, true);
        Drain(_executionDecisions, _event.Decisions[(int)PipelineStage.Execution]);
    }

    public void Timer(long timeNs)
    {
        _event.ClearOutputs();
        _event.Kind = EngineEventKind.Timer;
        _event.TimeNs = timeNs;
        Run();
    }

    public List<Decision> Of(DecisionType type) => Journal.FindAll(d => d.Type == type);

    public long Units(string symbol, decimal price) => Price.FromDecimal(price, Instruments.Get(symbol).Digits).Units;

    private void Run()
    {
        Risk.OnEvent(ref _event, _sequence, true);
        Execution.OnEvent(ref _event, _sequence, true);
        _sequence++;
        Drain(_riskDecisions, _event.Decisions[(int)PipelineStage.Risk]);
        Drain(_executionDecisions, _event.Decisions[(int)PipelineStage.Execution]);
    }

    private void Drain(SpscQueue<Decision> queue, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var d = queue.Read();
            if (KeepJournal)
            {
                Journal.Add(d);
            }
        }
    }
}
