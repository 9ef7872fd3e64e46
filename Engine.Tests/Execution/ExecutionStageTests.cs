using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Pipeline;
using IctEngine.Risk;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Execution;

[TestFixture]
public sealed class ExecutionStageTests
{
    private const long Second = 1_000_000_000L;
    private static readonly long T0 = RiskExecutionRig.Monday;

    private static long Usd(decimal amount) => Money.FromDecimal(amount).Micros;

    /// <summary>An execution stage as the live engine runs it: commands go to a silent broker, fills arrive as ring events.</summary>
    private static ExecutionStage LiveStage(AccountState account) =>
        new(new ExecutionOptions(), account, new SilentBroker(), new SpscQueue<OrderRequest>(8), new SpscQueue<Decision>(64));

    private static RiskExecutionRig OpenEurusdLong(long latencyMs = 0, decimal stop = 1.09810m, decimal target = 0)
    {
        var rig = new RiskExecutionRig(execution: new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(latencyMs) });
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Signal(rig.Market(5, "EURUSD", 1, T0, stop, target), T0);
        rig.Tick("EURUSD", T0 + Second, 1.10000m, 1.10010m);
        return rig;
    }

    [Test]
    public void OnEvent_PartialThenFullClose_RealisesPnLIntoBalance()
    {
        var rig = OpenEurusdLong();
        var position = rig.Account.Positions[0];
        Assert.That(position.Volume, Is.EqualTo(250));

        rig.Request(new OrderRequest { Kind = OrderRequestKind.Close, PositionId = position.Id, Volume = 100 }, T0 + (2 * Second));
        rig.Tick("EURUSD", T0 + (2 * Second), 1.10110m, 1.10120m);
        var changed = rig.Of(DecisionType.PositionChanged).Single();
        Assert.That(changed.A, Is.EqualTo(150), "remaining volume");
        Assert.That(changed.D, Is.EqualTo(Usd(100m)), "100 points × 1 lot × $1");

        rig.Request(new OrderRequest { Kind = OrderRequestKind.Close, PositionId = position.Id }, T0 + (3 * Second));
        rig.Tick("EURUSD", T0 + (3 * Second), 1.09960m, 1.09970m);
        var closed = rig.Of(DecisionType.PositionClosed).Single();

        Assert.That(closed.A, Is.EqualTo(150));
        Assert.That(closed.B, Is.EqualTo(110010));
        Assert.That(closed.C, Is.EqualTo(109960));
        Assert.That(closed.D, Is.EqualTo(Usd(100m - 75m)), "total gross P&L of both parts");
        Assert.That(closed.E, Is.EqualTo(Usd(7.5m + 3m + 4.5m)), "entry and both exit commissions");
        Assert.That(closed.Ref0, Is.EqualTo(5), "the signal id");
        Assert.That(rig.Account.BalanceMicros, Is.EqualTo(Usd(100_000m + 25m - 15m)));
        Assert.That(rig.Account.MarginUsedMicros, Is.Zero);
    }

    [Test]
    public void OnEvent_ModifyStops_JournaledAndTheNewStopTriggers()
    {
        var rig = OpenEurusdLong(stop: 1.09810m);
        var id = rig.Account.Positions[0].Id;

        rig.Request(new OrderRequest
        {
            Kind = OrderRequestKind.Modify, PositionId = id, StopLoss = rig.Units("EURUSD", 1.09950m),
        }, T0 + (2 * Second));
        rig.Tick("EURUSD", T0 + (3 * Second), 1.09940m, 1.09950m);

        var changed = rig.Of(DecisionType.PositionChanged).Single();
        Assert.That((PositionChangeKind)changed.Code, Is.EqualTo(PositionChangeKind.StopsModified));
        Assert.That(changed.C, Is.EqualTo(109950));
        Assert.That((CloseReason)rig.Of(DecisionType.PositionClosed).Single().Code, Is.EqualTo(CloseReason.StopLoss));
    }

    [Test]
    public void OnEvent_StopLossGap_JournalsSlippageFreeGapFillAndLoss()
    {
        var rig = OpenEurusdLong(stop: 1.09810m);

        rig.Tick("EURUSD", T0 + (2 * Second), 1.09700m, 1.09710m);
        var closed = rig.Of(DecisionType.PositionClosed).Single();

        Assert.That((CloseReason)closed.Code, Is.EqualTo(CloseReason.StopLoss));
        Assert.That(closed.C, Is.EqualTo(109700));
        Assert.That(closed.D, Is.EqualTo(Usd(-310m * 2.5m)));
        Assert.That(closed.CausationId, Is.EqualTo(closed.Id), "a stop-out chains to the position");
    }

    [Test]
    public void OnEvent_Latency_FillJournalsSignalToFillTime()
    {
        var rig = OpenEurusdLong(latencyMs: 2_500);
        rig.Tick("EURUSD", T0 + (2 * Second), 1.10000m, 1.10010m);
        Assert.That(rig.Of(DecisionType.OrderFilled), Is.Empty, "2 s after sending is still inside the latency");

        rig.Tick("EURUSD", T0 + (3 * Second), 1.10020m, 1.10030m);
        var fill = rig.Of(DecisionType.OrderFilled);

        Assert.That(fill, Has.Count.EqualTo(1));
        Assert.That(fill[0].B, Is.EqualTo(110030), "the first tick at or after send + latency");
        Assert.That(fill[0].F, Is.EqualTo(3 * Second), "signal time to fill time");
        Assert.That(fill[0].D, Is.EqualTo(20), "slippage against the price risk sized at, in points");
    }

    [Test]
    public void Cancel_WorkingLimit_JournalsCancelled()
    {
        var rig = new RiskExecutionRig();
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        var signal = rig.Market(1, "EURUSD", 1, T0, 1.09700m);
        signal.IsLimit = true;
        signal.Entry = rig.Units("EURUSD", 1.09900m);
        rig.Signal(signal, T0);
        rig.Tick("EURUSD", T0 + 1, 1.10000m, 1.10010m);
        var order = rig.Of(DecisionType.OrderSubmitted).Single();
        Assert.That((OrderType)order.Code, Is.EqualTo(OrderType.Limit));
        Assert.That(rig.Account.Orders.StatusOf(order.Id), Is.EqualTo(OrderStatus.Working));

        Assert.That(rig.Execution.Cancel(order.Id, T0 + 2), Is.True);
        rig.Tick("EURUSD", T0 + 3, 1.10000m, 1.10010m);

        Assert.That(rig.Of(DecisionType.OrderCancelled).Single().Id, Is.EqualTo(order.Id));
        Assert.That(rig.Account.Orders.StatusOf(order.Id), Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public void OnEvent_LiveBrokerReportEvent_AppliesFill()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var stage = LiveStage(account);
        var slot = new EngineEvent
        {
            Kind = EngineEventKind.BrokerReport, TimeNs = T0,
            Report = new BrokerReport
            {
                Type = BrokerReportType.Fill, SymbolId = 0, TimeNs = T0, PositionId = 77, Side = 1, Volume = 10, Price = 110000,
                CommissionMicros = 300_000,
            },
        };

        stage.OnEvent(ref slot, 0, true);

        Assert.That(slot.Decisions[(int)PipelineStage.Execution], Is.EqualTo(2));
        Assert.That(account.IndexOf(77), Is.Zero);
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(100_000m - 0.3m)));
    }

    [Test]
    public void OnEvent_ExitFillWithCloseReasonButNoPosition_IgnoredNothingOpened()
    {
        // A live terminal's stop-loss deal that arrives after reconciliation already removed the position.
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var stage = LiveStage(account);
        var slot = new EngineEvent
        {
            Kind = EngineEventKind.BrokerReport, TimeNs = T0,
            Report = new BrokerReport
            {
                Type = BrokerReportType.Fill, SymbolId = 0, TimeNs = T0, PositionId = 77, Side = -1, Volume = 10, Price = 109800,
                Code = (int)CloseReason.StopLoss,
            },
        };

        stage.OnEvent(ref slot, 0, true);

        Assert.That(slot.Decisions[(int)PipelineStage.Execution], Is.Zero);
        Assert.That(account.PositionCount, Is.Zero);
        Assert.That(account.BalanceMicros, Is.EqualTo(Usd(100_000m)));
        Assert.That(stage.IgnoredExits, Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_SecondPartialEntryFill_IncreasesThePositionAtAverageEntry()
    {
        var account = new AccountState(InstrumentCatalog.Default, 100_000m);
        var stage = LiveStage(account);
        foreach (var (volume, price) in new[] { (100L, 110000L), (300L, 110040L) })
        {
            var slot = new EngineEvent
            {
                Kind = EngineEventKind.BrokerReport, TimeNs = T0,
                Report = new BrokerReport { Type = BrokerReportType.Fill, TimeNs = T0, PositionId = 5, Side = 1, Volume = volume, Price = price },
            };
            stage.OnEvent(ref slot, 0, true);
        }

        Assert.That(account.PositionCount, Is.EqualTo(1));
        Assert.That(account.Positions[0].Volume, Is.EqualTo(400));
        Assert.That(account.Positions[0].EntryPrice, Is.EqualTo(110030));
    }

    [Test]
    public void OnEvent_UsdjpyPosition_PnLConvertedAtCurrentRate()
    {
        var rig = new RiskExecutionRig();
        rig.Tick("USDJPY", T0, 150.000m, 150.010m);
        rig.Signal(rig.Market(1, "USDJPY", -1, T0, 150.300m), T0);
        rig.Tick("USDJPY", T0 + 1, 150.000m, 150.010m);
        var volume = rig.Account.Positions[0].Volume;

        rig.Tick("USDJPY", T0 + 2, 149.490m, 149.500m);

        // 500 points × 100 JPY per point-lot ÷ 149.495 (mid) per lot.
        var expected = Money.FromDecimal(500m * 100m / 149.495m * volume / 100m).Micros;
        Assert.That(rig.Account.UnrealisedMicros, Is.EqualTo(expected).Within(2));
    }

    [Test]
    public void OnEvent_TicksWithWorkingOrdersAndPositions_AllocateNothing()
    {
        var rig = OpenEurusdLong(latencyMs: 50, stop: 1.09010m);
        rig.Tick("EURUSD", T0 + (2 * Second), 1.10000m, 1.10010m);
        var limit = rig.Market(6, "EURUSD", 1, T0 + (3 * Second), 1.05000m);
        limit.IsLimit = true;
        limit.Entry = rig.Units("EURUSD", 1.06000m);
        rig.Signal(limit, T0 + (3 * Second));
        rig.KeepJournal = false;
        var eurusd = rig.Id("EURUSD");

        void Loop(int n, long start)
        {
            for (var i = 0; i < n; i++)
            {
                var w = i % 40;
                rig.Tick(new IctEngine.Ticks.Tick(start + (i * 10_000_000L), 110000 + w, 110010 + w, eurusd));
            }
        }

        Loop(5_000, T0 + (10 * Second));
        Thread.Sleep(300);
        Loop(5_000, T0 + (100 * Second));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Loop(20_000, T0 + (200 * Second));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(rig.Account.PositionCount, Is.EqualTo(1));
        Assert.That(rig.Account.Orders.ActiveCount, Is.EqualTo(1), "the limit is resting");
        Assert.That(allocated, Is.Zero);
    }
}
