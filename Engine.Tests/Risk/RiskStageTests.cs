using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Risk;
using IctEngine.Smc;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Risk;

[TestFixture]
public sealed class RiskStageTests
{
    private const long Second = 1_000_000_000L;
    private const long Minute = 60 * Second;
    private static readonly long T0 = RiskExecutionRig.Monday;

    private static long At(string utc) => Timestamp.Parse(utc).UnixNanoseconds;

    private static long Usd(decimal amount) => Money.FromDecimal(amount).Micros;

    /// <summary>Opens a market position: the signal on a timer, the fill on the next tick of the symbol.</summary>
    private static void Open(RiskExecutionRig rig, long id, string symbol, int direction, long t, decimal bid, decimal ask, decimal stop, decimal target = 0)
    {
        rig.Tick(symbol, t, bid, ask);
        rig.Signal(rig.Market(id, symbol, direction, t, stop, target), t);
        rig.Tick(symbol, t + 1, bid, ask);
    }

    [Test]
    public void OnEvent_MarketSignal_ApprovesSizedOrderThatFills()
    {
        var rig = new RiskExecutionRig();

        Open(rig, 7, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09810m);

        var verdict = rig.Of(DecisionType.RiskApproved).Single();
        Assert.That(verdict.Id, Is.EqualTo(7));
        Assert.That(verdict.A, Is.EqualTo(250), "0.5% of 100,000 over a 200-point stop at $1 per point per lot");
        Assert.That(verdict.B, Is.EqualTo(110010));
        var submitted = rig.Of(DecisionType.OrderSubmitted).Single();
        Assert.That(submitted.CausationId, Is.EqualTo(7), "the order is caused by the verdict");
        var fill = rig.Of(DecisionType.OrderFilled).Single();
        Assert.That(fill.CausationId, Is.EqualTo(submitted.Id));
        Assert.That(fill.B, Is.EqualTo(110010), "buys fill at the ask");
        var opened = rig.Of(DecisionType.PositionOpened).Single();
        Assert.That(opened.CausationId, Is.EqualTo(submitted.Id));
        Assert.That(opened.Ref0, Is.EqualTo(7));
        Assert.That(rig.Account.PositionCount, Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_NoQuoteOrNoStop_Denied()
    {
        var rig = new RiskExecutionRig();
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09m), T0);
        rig.Tick("EURUSD", T0 + 1, 1.10000m, 1.10010m);
        rig.Signal(rig.Market(2, "EURUSD", 1, T0 + 2, 0m), T0 + 2);
        rig.Signal(rig.Market(3, "EURUSD", 1, T0 + 3, 1.2m), T0 + 3);

        var denied = rig.Of(DecisionType.RiskDenied).Select(d => (RiskDenyReason)d.Code).ToArray();
        Assert.That(denied, Is.EqualTo(new[] { RiskDenyReason.InvalidSignal, RiskDenyReason.NoStopLoss, RiskDenyReason.InvalidSignal }));
        Assert.That(rig.Requests.Written, Is.Zero);
    }

    [Test]
    public void OnEvent_LossCarriedOvernight_DailyGuardFlattensBeforeTheLimit()
    {
        var rig = new RiskExecutionRig(new RiskOptions { RiskPerTradePercent = 2m, BreachBufferPercent = 1.5m });
        Open(rig, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09010m);
        Open(rig, 2, "GBPUSD", 1, T0 + Second, 1.27000m, 1.27010m, 1.26010m);
        Assert.That(rig.Account.PositionCount, Is.EqualTo(2));

        // Monday evening: -2.44% floating, then Prague midnight (23:00 UTC in winter) resets the day at the balance.
        rig.Tick("EURUSD", At("2024-03-04 22:30:00"), 1.09400m, 1.09410m);
        rig.Tick("GBPUSD", At("2024-03-04 22:30:01"), 1.26400m, 1.26410m);
        rig.Tick("EURUSD", At("2024-03-04 23:00:01"), 1.09200m, 1.09210m);
        Assert.That(rig.Risk.DayStartBalanceMicros, Is.EqualTo(Usd(100_000m - 6m - 5.97m)), "the balance, not the equity, at the reset");
        Assert.That(rig.Of(DecisionType.LimitBreached), Is.Empty);

        // Tuesday: the loss carried over counts against the new day; the guard fires at 3.5% before 5%.
        rig.Tick("EURUSD", At("2024-03-04 23:30:00"), 1.09100m, 1.09110m);
        rig.Tick("GBPUSD", At("2024-03-04 23:30:01"), 1.26100m, 1.26110m);
        var breach = rig.Of(DecisionType.LimitBreached).Single();
        Assert.That((LimitKind)breach.Code, Is.EqualTo(LimitKind.DailyLoss));
        Assert.That(breach.C, Is.EqualTo(Usd(99_988.03m)));
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Halted));
        var halted = rig.Of(DecisionType.TradingStateChanged).Single();
        Assert.That(halted.CausationId, Is.EqualTo(breach.Id));
        Assert.That((TradingStateCause)halted.B, Is.EqualTo(TradingStateCause.DailyLoss));

        rig.Tick("EURUSD", At("2024-03-04 23:30:02"), 1.09100m, 1.09110m);
        var closed = rig.Of(DecisionType.PositionClosed);
        Assert.That(closed, Has.Count.EqualTo(2));
        Assert.That(closed.Select(c => (CloseReason)c.Code), Is.All.EqualTo(CloseReason.Flatten));
        Assert.That(rig.Account.EquityMicros, Is.GreaterThan(rig.Risk.DayStartBalanceMicros - Usd(5_000m)), "never reaches the limit");

        rig.Signal(rig.Market(3, "EURUSD", 1, At("2024-03-05 10:00:00"), 1.09m), At("2024-03-05 10:00:00"));
        Assert.That((RiskDenyReason)rig.Of(DecisionType.RiskDenied).Single().Code, Is.EqualTo(RiskDenyReason.TradingHalted));

        rig.Timer(At("2024-03-05 23:00:00"));
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Active));
        Assert.That((TradingStateCause)rig.Of(DecisionType.TradingStateChanged).Last().B, Is.EqualTo(TradingStateCause.DailyReset));
    }

    [Test]
    public void Apply_JournalOfAHaltedDay_RebuildsDayStartStateAndResumesAtNextReset()
    {
        var live = new RiskExecutionRig(new RiskOptions { RiskPerTradePercent = 2m, BreachBufferPercent = 3.5m, BreachAction = BreachAction.Halt });
        Open(live, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09010m);
        live.Tick("EURUSD", T0 + Minute, 1.09210m, 1.09220m);
        Assert.That(live.Risk.State, Is.EqualTo(TradingState.Halted));

        var restarted = new RiskExecutionRig(live.RiskOptions);
        foreach (var d in live.Journal)
        {
            restarted.Risk.Apply(d);
            restarted.Account.Apply(d);
        }

        Assert.That(restarted.Risk.State, Is.EqualTo(TradingState.Halted));
        Assert.That(restarted.Risk.DayStartBalanceMicros, Is.EqualTo(live.Risk.DayStartBalanceMicros));
        Assert.That(restarted.Account.BalanceMicros, Is.EqualTo(live.Account.BalanceMicros));
        restarted.Timer(T0 + (2 * Minute));
        Assert.That(restarted.Of(DecisionType.LimitBreached), Is.Empty, "the guard remembers it already fired today");
        restarted.Timer(At("2024-03-04 23:00:00"));
        Assert.That(restarted.Risk.State, Is.EqualTo(TradingState.Active));
    }

    [Test]
    public void OnEvent_DailyHaltAcrossSpringDst_ResumesAtCestMidnight()
    {
        var rig = new RiskExecutionRig(new RiskOptions
        {
            RiskPerTradePercent = 2m, BreachBufferPercent = 3.5m, BreachAction = BreachAction.Halt,
        });
        Open(rig, 1, "EURUSD", 1, At("2024-03-29 12:00:00"), 1.10000m, 1.10010m, 1.09010m);

        // Saturday 30 March 23:00 UTC is Prague midnight (still CET); a loss of 1.6% then fires the 1.5% guard.
        rig.Tick("EURUSD", At("2024-03-30 23:30:00"), 1.09210m, 1.09220m);
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Halted));

        // 31 March has 23 hours: the next Prague midnight is 22:00 UTC (CEST), not 23:00.
        rig.Timer(At("2024-03-31 21:59:59"));
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Halted));
        rig.Timer(At("2024-03-31 22:00:00"));
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Active));
        Assert.That(rig.Of(DecisionType.TradingStateChanged).Last().TimeNs, Is.EqualTo(At("2024-03-31 22:00:00")));
    }

    [Test]
    public void OnEvent_GapThroughMaxLossFloor_FlattensAtTheGapPriceAndStaysHalted()
    {
        var rig = new RiskExecutionRig(new RiskOptions { RiskPerTradePercent = 2m, DailyLossPercent = 20m });
        Open(rig, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09010m);
        Assert.That(rig.Risk.MaxLossFloorMicros, Is.EqualTo(Usd(90_000m)));

        rig.Tick("EURUSD", T0 + Minute, 1.05000m, 1.05010m);

        var breach = rig.Of(DecisionType.LimitBreached).Single();
        Assert.That((LimitKind)breach.Code, Is.EqualTo(LimitKind.MaxLoss));
        var closed = rig.Of(DecisionType.PositionClosed).Single();
        Assert.That(closed.C, Is.EqualTo(105000), "a gap fills at the first available price, not at the stop");
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Halted));

        rig.Timer(At("2024-03-06 09:00:00"));
        Assert.That(rig.Risk.State, Is.EqualTo(TradingState.Halted), "the daily reset does not lift a max-loss halt");
        rig.Tick("EURUSD", At("2024-03-06 09:00:01"), 1.05000m, 1.05010m);
        rig.Signal(rig.Market(2, "EURUSD", 1, At("2024-03-06 09:00:02"), 1.04m), At("2024-03-06 09:00:02"));
        Assert.That((RiskDenyReason)rig.Of(DecisionType.RiskDenied).Single().Code, Is.EqualTo(RiskDenyReason.TradingHalted));
    }

    [Test]
    public void OnEvent_WorstCasePlusTradeNearDailyLimit_DeniedByMargin()
    {
        var rig = new RiskExecutionRig(new RiskOptions { RiskPerTradePercent = 2m });
        Open(rig, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09010m);
        Open(rig, 2, "GBPUSD", 1, T0 + Second, 1.27000m, 1.27010m, 1.26010m);
        Open(rig, 3, "NZDUSD", 1, T0 + (2 * Second), 0.61000m, 0.61010m, 0.60010m);

        Assert.That(rig.Of(DecisionType.RiskApproved), Has.Count.EqualTo(2));
        var denied = rig.Of(DecisionType.RiskDenied).Single();
        Assert.That((RiskDenyReason)denied.Code, Is.EqualTo(RiskDenyReason.DailyLossMargin));
        Assert.That(denied.E, Is.GreaterThan(denied.F));
    }

    [Test]
    public void OnEvent_DayOfStopOuts_NextTradeDeniedBeforeTheDailyLimit()
    {
        var rig = new RiskExecutionRig(new RiskOptions { RiskPerTradePercent = 1m });
        var t = T0;
        for (var i = 1; i <= 6; i++, t += Minute)
        {
            Open(rig, i, "EURUSD", 1, t, 1.10000m, 1.10010m, 1.09810m);
            rig.Tick("EURUSD", t + Second, 1.09800m, 1.09810m);
        }

        var closed = rig.Of(DecisionType.PositionClosed);
        Assert.That(closed, Has.Count.EqualTo(4), "four 1% stop-outs");
        Assert.That(closed.Select(c => (CloseReason)c.Code), Is.All.EqualTo(CloseReason.StopLoss));
        var denied = rig.Of(DecisionType.RiskDenied);
        Assert.That(denied.Select(d => (RiskDenyReason)d.Code), Is.All.EqualTo(RiskDenyReason.DailyLossMargin));
        Assert.That(denied.Select(d => d.Id), Is.EqualTo(new long[] { 5, 6 }));
        Assert.That(rig.Account.EquityMicros, Is.GreaterThan(Usd(95_500m)), "stopped with the margin intact");
        Assert.That(rig.Of(DecisionType.LimitBreached), Is.Empty, "the pre-trade check, not the guard, stopped the day");
    }

    [Test]
    public void OnEvent_OperatorReducing_OnlyExposureReducingSignalsPass()
    {
        var rig = new RiskExecutionRig();
        Open(rig, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09810m);
        rig.Risk.RequestTradingState(TradingState.Reducing);
        rig.Timer(T0 + Second);
        Assert.That((TradingStateCause)rig.Of(DecisionType.TradingStateChanged).Single().B, Is.EqualTo(TradingStateCause.Operator));

        rig.Tick("GBPUSD", T0 + (2 * Second), 1.27000m, 1.27010m);
        rig.Signal(rig.Market(2, "GBPUSD", 1, T0 + (2 * Second), 1.26m), T0 + (2 * Second));
        rig.Signal(new Signal { Id = 3, SymbolId = rig.Id("EURUSD"), Direction = -1, TimeNs = T0 + (3 * Second) }, T0 + (3 * Second));
        rig.Tick("EURUSD", T0 + (4 * Second), 1.10100m, 1.10110m);

        Assert.That((RiskDenyReason)rig.Of(DecisionType.RiskDenied).Single().Code, Is.EqualTo(RiskDenyReason.Reducing));
        var reduce = rig.Of(DecisionType.RiskApproved).Last();
        Assert.That(reduce.Code, Is.EqualTo(1), "approved as a reducing close");
        var closed = rig.Of(DecisionType.PositionClosed).Single();
        Assert.That(closed.C, Is.EqualTo(110100), "a long closes at the bid");
        Assert.That(rig.Account.PositionCount, Is.Zero);
    }

    [Test]
    public void OnEvent_OperatorHalted_DeniesEverything()
    {
        var rig = new RiskExecutionRig();
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Risk.RequestTradingState(TradingState.Halted);
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09m), T0 + 1);

        Assert.That((RiskDenyReason)rig.Of(DecisionType.RiskDenied).Single().Code, Is.EqualTo(RiskDenyReason.TradingHalted));
        Assert.That(rig.Requests.Written, Is.Zero);
    }

    [Test]
    public void OnEvent_CorrelatedPairSameDirection_Blocked()
    {
        var rig = new RiskExecutionRig();
        for (var i = 0; i < 30; i++)
        {
            var wiggle = (i * 7 % 11 * 0.0004m) + (i % 3 * 0.00025m);
            var t = T0 + (i * 5 * Minute);
            rig.Tick("EURUSD", t, 1.10000m + wiggle, 1.10010m + wiggle);
            rig.Tick("GBPUSD", t + 1, 1.27000m + wiggle, 1.27010m + wiggle);
        }

        var now = T0 + (30 * 5 * Minute);
        Open(rig, 1, "EURUSD", 1, now, 1.10000m, 1.10010m, 1.09810m);
        rig.Tick("GBPUSD", now + 2, 1.27000m, 1.27010m);
        rig.Signal(rig.Market(2, "GBPUSD", 1, now + 3, 1.26800m), now + 3);
        rig.Signal(rig.Market(3, "GBPUSD", -1, now + 4, 1.27200m), now + 4);

        var denied = rig.Of(DecisionType.RiskDenied).Single();
        Assert.That(denied.Id, Is.EqualTo(2));
        Assert.That((RiskDenyReason)denied.Code, Is.EqualTo(RiskDenyReason.Correlated));
        Assert.That(denied.E, Is.GreaterThan(800_000), "the correlation, in millionths");
        Assert.That(rig.Of(DecisionType.RiskApproved).Select(d => d.Id), Is.EqualTo(new long[] { 1, 3 }), "the opposite direction is a hedge");
    }

    [Test]
    public void OnEvent_MoreOrdersThanRateInOneSecond_Denied()
    {
        var rig = new RiskExecutionRig(new RiskOptions { MaxOrdersPerSecond = 2, MaxOpenPositions = 10 });
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Tick("GBPUSD", T0, 1.27000m, 1.27010m);
        rig.Tick("XAUUSD", T0, 2000.000m, 2000.300m);
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09m), T0 + 1);
        rig.Signal(rig.Market(2, "GBPUSD", -1, T0, 1.28m), T0 + 2);
        rig.Signal(rig.Market(3, "XAUUSD", 1, T0, 1990m), T0 + 3);
        rig.Signal(rig.Market(4, "XAUUSD", 1, T0, 1990m), T0 + 1 + Second);

        Assert.That((RiskDenyReason)rig.Of(DecisionType.RiskDenied).Single().Code, Is.EqualTo(RiskDenyReason.OrderRateLimit));
        Assert.That(rig.Of(DecisionType.RiskApproved).Select(d => d.Id), Is.EqualTo(new long[] { 1, 2, 4 }));
    }

    [Test]
    public void OnEvent_ExposureLimits_DenyBeyondThem()
    {
        var rig = new RiskExecutionRig(new RiskOptions { MaxOpenPositions = 2, MaxPositionsPerSymbol = 1 });
        rig.Tick("EURUSD", T0, 1.10000m, 1.10010m);
        rig.Tick("GBPUSD", T0, 1.27000m, 1.27010m);
        rig.Tick("XAUUSD", T0, 2000.000m, 2000.300m);
        rig.Signal(rig.Market(1, "EURUSD", 1, T0, 1.09m), T0 + 1);
        rig.Signal(rig.Market(2, "EURUSD", 1, T0, 1.09m), T0 + 2);
        rig.Signal(rig.Market(3, "GBPUSD", -1, T0, 1.28m), T0 + 3);
        rig.Signal(rig.Market(4, "XAUUSD", 1, T0, 1990m), T0 + 4);

        var reasons = rig.Of(DecisionType.RiskDenied).Select(d => (RiskDenyReason)d.Code).ToArray();
        Assert.That(reasons, Is.EqualTo(new[] { RiskDenyReason.MaxPositionsPerSymbol, RiskDenyReason.MaxOpenPositions }),
            "pending entry orders count as exposure before they fill");
    }

    [Test]
    public void OnEvent_SameInput_SameDecisionBytes()
    {
        static List<Decision> Run()
        {
            var rig = new RiskExecutionRig(
                new RiskOptions { RiskPerTradePercent = 1m },
                new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(20), SlippagePoints = 1 });
            ScriptedMarket.Run(rig, 20_000, seed: 42);
            return rig.Journal;
        }

        var first = Run();
        var second = Run();

        Assert.That(first.Count(d => d.Type == DecisionType.PositionClosed), Is.GreaterThan(5), "the script trades");
        Assert.That(first.Count(d => d.Type == DecisionType.RiskDenied), Is.GreaterThan(0));
        Assert.That(System.Runtime.InteropServices.MemoryMarshal.AsBytes(first.ToArray().AsSpan())
            .SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(second.ToArray().AsSpan())), Is.True);
    }

    [Test]
    public void OnEvent_SteadyStateTicksAndSignals_AllocateNothing()
    {
        var rig = new RiskExecutionRig(new RiskOptions { MaxOpenPositions = 2 }, keepJournal: false);
        Open(rig, 1, "EURUSD", 1, T0, 1.10000m, 1.10010m, 1.09010m);
        Open(rig, 2, "USDJPY", -1, T0 + 1, 150.000m, 150.010m, 151.000m);
        var eurusd = rig.Id("EURUSD");
        var usdjpy = rig.Id("USDJPY");
        var signal = rig.Market(9, "GBPUSD", 1, T0, 1.2m);

        void Loop(int n, long start)
        {
            for (var i = 0; i < n; i++)
            {
                var t = start + (i * 100_000_000L);
                var w = i % 50;
                rig.Tick(new IctEngine.Ticks.Tick(t, 110000 + w, 110010 + w, eurusd));
                rig.Tick(new IctEngine.Ticks.Tick(t + 1, 150000 - w, 150010 - w, usdjpy));
                if (i % 100 == 0)
                {
                    rig.Signal(signal, t + 2);
                }
            }
        }

        // Warm up past tiered compilation (tier-up runs after a quiet 100 ms), so only the stages are measured.
        Loop(5_000, T0 + Second);
        Thread.Sleep(300);
        Loop(5_000, T0 + (600 * Second));
        var before = GC.GetAllocatedBytesForCurrentThread();
        Loop(20_000, T0 + (1_000 * Second));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(rig.Account.PositionCount, Is.EqualTo(2));
        Assert.That(allocated, Is.Zero);
    }
}
