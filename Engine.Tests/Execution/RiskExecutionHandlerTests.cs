using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Ticks;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Execution;

[TestFixture]
public sealed class RiskExecutionHandlerTests
{
    [Test]
    public void OnEvent_SignalThenTick_BothStagesCountTheirDecisionsInTheSlot()
    {
        var signals = new SpscQueue<Signal>(16);
        var handler = RiskExecutionHandler.Create(new RiskOptions(), new ExecutionOptions { Latency = TimeSpan.Zero },
            InstrumentCatalog.Default, signals);
        var t = RiskExecutionRig.Monday;
        var slot = new EngineEvent { Kind = EngineEventKind.Tick, Tick = new Tick(t, 110000, 110010, 0), TimeNs = t };
        handler.OnEvent(ref slot, 0, true);

        signals.Write(new Signal { Id = 1, SymbolId = 0, Direction = 1, TimeNs = t, StopLoss = 109810 });
        slot.ClearOutputs();
        slot.TimeNs = slot.Tick.TimeNs = t + 1;
        slot.SignalCount = 1;
        handler.OnEvent(ref slot, 1, true);

        Assert.That(slot.OrderRequestCount, Is.EqualTo(1));
        Assert.That(slot.Decisions[(int)PipelineStage.Risk], Is.EqualTo(1), "the verdict");
        Assert.That(slot.Decisions[(int)PipelineStage.Execution], Is.EqualTo(4), "submitted, accepted, filled, opened");
        Assert.That(handler.Account.PositionCount, Is.EqualTo(1));
    }
}
