using IctEngine.Core;
using IctEngine.Report;
using IctEngine.Risk;
using IctEngine.Smc.Structure;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ReportModelBuilderTests
{
    private static ReportModel BuildScenario(Action<ReportModelBuilder>? configure = null)
    {
        var builder = ReportScenario.NewBuilder();
        builder.ConfigurationText = "{\"risk\":1}";
        configure?.Invoke(builder);
        builder.AddRange(ReportScenario.Decisions());
        return builder.Build();
    }

    private static SymbolReport EurUsd(ReportModel model) => model.Symbols.Single(s => s.Symbol == "EURUSD");

    [Test]
    public void Build_Scenario_BarsHaveOpenTimeAndDecimalPrices()
    {
        var model = BuildScenario();

        var bars = EurUsd(model).Bars;
        Assert.That(bars, Has.Count.EqualTo(ReportScenario.BarCount));
        Assert.That(bars[0], Is.EqualTo(new ReportBar(ReportScenario.Start, 300, 1.08510m, 1.08518m, 1.08492m, 1.08500m, 100)));
        Assert.That(bars[^1].Time, Is.EqualTo(ReportScenario.BarTime(59)));
        Assert.That(model.RunId, Is.EqualTo(ReportScenario.RunId));
        Assert.That(model.ConfigurationText, Is.EqualTo("{\"risk\":1}"));
        Assert.That(model.End, Is.EqualTo(ReportScenario.BarTime(60)));
    }

    [Test]
    public void Build_MitigatedOrderBlock_EndsAtMitigatingBarCloseAndOpenGapAtRunEnd()
    {
        var zones = EurUsd(BuildScenario()).Zones;

        var ob = zones.Single(z => z.Kind == ZoneKind.OrderBlock);
        Assert.That(ob, Is.EqualTo(new ReportZone(ReportScenario.ObId, ZoneKind.OrderBlock, 1, 300, 1.08390m, 1.08350m,
            ReportScenario.BarTime(9), ReportScenario.BarTime(58), true)), "from the OB candle (C) to the close of the mitigating bar (D)");
        var fvg = zones.Single(z => z.Kind == ZoneKind.FairValueGap);
        Assert.That((fvg.Id, fvg.Start, fvg.End, fvg.Mitigated), Is.EqualTo((ReportScenario.FvgId, ReportScenario.BarTime(34), ReportScenario.BarTime(60), false)));
    }

    [Test]
    public void Build_StructureBreaks_RunFromBrokenSwingToBreakingBar()
    {
        var breaks = EurUsd(BuildScenario()).Breaks;

        Assert.That(breaks.Select(b => b.Id), Is.EqualTo(new[] { ReportScenario.BosId, ReportScenario.ChochId }), "pattern breaks are left out by default");
        var bos = breaks[0];
        Assert.That((bos.Kind, bos.Scope, bos.Direction, bos.Level, bos.Label), Is.EqualTo((StructureBreakKind.Bos, StructureScope.Internal, 1, 1.08600m, "BOS↑")));
        Assert.That((bos.From, bos.To), Is.EqualTo((ReportScenario.BarCenter(20), ReportScenario.BarCenter(35))), "swing index B to breaking index C");
        var choch = breaks[1];
        Assert.That((choch.Kind, choch.Direction, choch.Label, choch.From, choch.To),
            Is.EqualTo((StructureBreakKind.Choch, -1, "CHoCH↓", ReportScenario.BarCenter(28), ReportScenario.BarCenter(54))));
    }

    [Test]
    public void Build_IncludePatternStructure_AddsThePatternBreak()
    {
        var breaks = EurUsd(BuildScenario(b => b.IncludePatternStructure = true)).Breaks;

        Assert.That(breaks.Single(b => b.Id == ReportScenario.PatternBosId).Label, Is.EqualTo("BOS↑ pattern"));
    }

    [Test]
    public void Build_SweptLiquidity_CarriesLatestLevelSweepTimeAndPrice()
    {
        var level = EurUsd(BuildScenario()).Liquidity.Single();

        Assert.That(level, Is.EqualTo(new ReportLiquidity(ReportScenario.LiquidityId, -1, 300, 1.08348m, ReportScenario.BarTime(10),
            ReportScenario.BarCenter(59), 1.08335m)));
    }

    [Test]
    public void Build_Killzone_BecomesBandNamedAfterItsWindow()
    {
        var session = EurUsd(BuildScenario()).Sessions.Single();

        Assert.That(session, Is.EqualTo(new ReportSession("London killzone", ReportScenario.Start, ReportScenario.BarTime(36))));
    }

    [Test]
    public void Build_SessionThatIsNoKillzone_IsNotDrawnAndOpenKillzoneEndsAtRunEnd()
    {
        var builder = ReportScenario.NewBuilder("r");
        var s = ReportScenario.SymbolId;
        for (var i = 0; i < 3; i++)
        {
            builder.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = s, Timeframe = 300, TimeNs = ReportScenario.CloseNs(i), Ref0 = i, F = ReportScenario.Ns(ReportScenario.BarTime(i)) });
        }

        // Window 6 of the ICT defaults is the London session (no killzone); window 2 the New York killzone.
        builder.Add(new Decision { Type = DecisionType.SessionEvent, SymbolId = s, Timeframe = 300, Code = SmcCodes.SessionOpened, Id = 7, Ref0 = 6, C = 0, TimeNs = ReportScenario.CloseNs(0) });
        builder.Add(new Decision { Type = DecisionType.SessionEvent, SymbolId = s, Timeframe = 300, Code = SmcCodes.SessionOpened, Id = 8, Ref0 = 2, C = 1, TimeNs = ReportScenario.CloseNs(1) });

        var session = builder.Build().Symbols.Single().Sessions.Single();

        Assert.That(session, Is.EqualTo(new ReportSession("New York killzone", ReportScenario.BarTime(1), ReportScenario.BarTime(3))));
    }

    [Test]
    public void Build_Trades_JoinPositionsWithTheirSignals()
    {
        var trades = BuildScenario().AllTrades().ToList();

        Assert.That(trades.Select(t => t.Id), Is.EqualTo(new[] { ReportScenario.WinPosition, ReportScenario.LossPosition }));
        var win = trades[0];
        Assert.That((win.Side, win.EntryTime, win.EntryPrice, win.ExitTime, win.ExitPrice), Is.EqualTo((1, ReportScenario.BarTime(38), 1.08675m, (DateTime?)ReportScenario.BarTime(41), (decimal?)1.08755m)));
        Assert.That((win.Lots, win.Stop, win.Target, win.Pnl, win.RMultiple, win.ExitReason),
            Is.EqualTo((1.00m, (decimal?)1.08635m, (decimal?)1.08755m, 74m, (decimal?)2m, "TakeProfit")), "P&L is net of both commissions");
        Assert.That(win.StructureIds, Is.EqualTo(new[] { ReportScenario.BiasId, ReportScenario.BosId, ReportScenario.FvgId }));
        Assert.That(win.Justification, Is.EqualTo(new[]
        {
            $"bias: #{ReportScenario.BiasId}", "trigger: BOS↑ M5 03-05 09:57", "zone: bullish FVG M5 03-05 09:50 1.08600–1.08617",
        }));
        var loss = trades[1];
        Assert.That((loss.Lots, loss.Stop, loss.Target, loss.Pnl, loss.RMultiple, loss.ExitReason),
            Is.EqualTo((0.50m, (decimal?)1.08610m, (decimal?)1.08750m, -23m, (decimal?)-1m, "StopLoss")),
            "stop and target come from the signal when the position carries none");
        Assert.That(loss.StructureIds, Is.EqualTo(new[] { ReportScenario.BiasId, ReportScenario.BosId, ReportScenario.ObId }));
    }

    [Test]
    public void Build_Signals_CarryTheirOutcome()
    {
        var signals = EurUsd(BuildScenario()).Signals;

        Assert.That(signals.Select(x => (x.Id, x.Outcome)), Is.EqualTo(new[]
        {
            (ReportScenario.WinSignal, "traded"), (ReportScenario.LossSignal, "traded"), (ReportScenario.DeniedSignal, "denied: MaxVolumePerSymbol"),
        }));
        Assert.That(signals[2], Is.EqualTo(new ReportSignal(ReportScenario.DeniedSignal, -1, 300, ReportScenario.BarTime(51), 1.086m, 1.0864m, 1.085m,
            "denied: MaxVolumePerSymbol")));
    }

    [Test]
    public void Build_OpenPosition_IsTradeWithoutExit()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r");
        builder.Add(new Decision
        {
            Type = DecisionType.PositionOpened, SymbolId = ReportScenario.SymbolId, Id = 5, Ref1 = -1, TimeNs = ReportScenario.Ns(ReportScenario.Start),
            A = 10, B = 108_000, C = 108_100,
        });

        var trade = builder.Build().AllTrades().Single();

        Assert.That((trade.Side, trade.EntryPrice, trade.Stop, trade.ExitTime, trade.RMultiple, trade.Lots),
            Is.EqualTo((-1, 1.08m, (decimal?)1.081m, (DateTime?)null, (decimal?)null, 0.10m)));
    }

    [Test]
    public void Build_Equity_BalanceAfterEveryFillAndCloseWithLimitLevels()
    {
        var equity = BuildScenario().Equity;

        Assert.That(equity.Select(p => (p.Time, p.Balance, p.Equity)), Is.EqualTo(new[]
        {
            (ReportScenario.BarTime(1), 100_000m, 100_000m),
            (ReportScenario.BarTime(38), 99_997m, 99_997m),
            (ReportScenario.BarTime(41), 99_994m, 99_994m),
            (ReportScenario.BarTime(41), 100_074m, 100_074m),
            (ReportScenario.BarTime(45), 100_072.5m, 100_072.5m),
            (ReportScenario.BarTime(47), 100_071m, 100_071m),
            (ReportScenario.BarTime(47), 100_051m, 100_051m),
        }));
        Assert.That(equity.Select(p => p.DailyLossLevel), Is.All.EqualTo(95_000m));
        Assert.That(equity.Select(p => p.MaxLossLevel), Is.All.EqualTo(90_000m));
    }

    [Test]
    public void Build_NextTradingDay_DailyLossLevelFollowsDayStartBalance()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r") { InitialBalance = 1_000m, DailyLossLimit = 50m, MaxLossLimit = 100m };
        var s = ReportScenario.SymbolId;
        builder.Add(new Decision { Type = DecisionType.PositionClosed, SymbolId = s, Id = 1, TimeNs = ReportScenario.Ns(ReportScenario.Start), F = 20_000_000 });
        builder.Add(new Decision { Type = DecisionType.PositionClosed, SymbolId = s, Id = 2, TimeNs = ReportScenario.Ns(ReportScenario.Start.AddDays(1)), F = -10_000_000 });

        var equity = builder.Build().Equity;

        // Start is 08:00 in Prague: the trading day turns at the next Prague midnight (23:00 UTC in March).
        Assert.That(equity.Select(p => (p.Time, p.Balance, p.DailyLossLevel, p.MaxLossLevel)), Is.EqualTo(new (DateTime, decimal, decimal?, decimal?)[]
        {
            (ReportScenario.Start, 1_000m, 950m, 900m),
            (ReportScenario.Start, 1_020m, 950m, 900m),
            (new DateTime(2024, 3, 5, 23, 0, 0, DateTimeKind.Utc), 1_020m, 970m, 900m),
            (ReportScenario.Start.AddDays(1), 1_010m, 970m, 900m),
        }));
    }

    [Test]
    public void Build_LimitBreached_CarriesEquityBelowBalance()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r") { InitialBalance = 1_000m, DailyLossLimit = 50m };
        builder.Add(new Decision
        {
            Type = DecisionType.LimitBreached, SymbolId = -1, Code = (int)LimitKind.DailyLoss, TimeNs = ReportScenario.Ns(ReportScenario.Start),
            A = 955_000_000, B = 955_000_000, C = 1_000_000_000, D = 1_000_000_000,
        });

        var last = builder.Build().Equity[^1];

        Assert.That((last.Balance, last.Equity, last.DailyLossLevel), Is.EqualTo((1_000m, 955m, (decimal?)950m)));
    }

    [Test]
    public void Build_Rejects_CountedByStageAndReasonName()
    {
        var rejects = BuildScenario().RejectsByReason;

        Assert.That(rejects, Is.EqualTo(new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["order: MarketClosed"] = 1, ["risk: MaxVolumePerSymbol"] = 1, ["tick: Spike"] = 2,
        }));
    }

    [Test]
    public void Build_Scenario_MetricsSummariseTrades()
    {
        var metrics = BuildScenario().Metrics.ToDictionary(m => m.Key, m => m.Value);

        Assert.That(metrics["Closed trades"], Is.EqualTo("2"));
        Assert.That(metrics["Wins / losses"], Is.EqualTo("1 / 1"));
        Assert.That(metrics["Win rate"], Is.EqualTo("50.0 %"));
        Assert.That(metrics["Net P&L"], Is.EqualTo("51.00"));
        Assert.That(metrics["Profit factor"], Is.EqualTo("3.22"));
        Assert.That(metrics["Average R"], Is.EqualTo("0.50"));
        Assert.That(metrics["Max drawdown"], Is.EqualTo("23.00"));
        Assert.That(metrics["Rejects"], Is.EqualTo("4"));
    }

    [Test]
    public void Build_OtherSymbolFilter_KeepsNothingOfEurUsd()
    {
        var model = BuildScenario(b => b.Symbol = "GBPUSD");

        Assert.That(model.Symbols, Is.Empty);
        Assert.That(model.AllTrades(), Is.Empty);
        Assert.That(model.RejectsByReason, Is.Empty);
    }

    [Test]
    public void Build_TimeFilter_KeepsWhatOverlapsTheRange()
    {
        var from = ReportScenario.BarTime(46);
        var model = BuildScenario(b => b.From = from);

        var symbol = EurUsd(model);
        Assert.That(symbol.Bars[0].Time, Is.EqualTo(from));
        Assert.That(symbol.Bars, Has.Count.EqualTo(14));
        Assert.That(symbol.Zones.Select(z => z.Id), Is.EqualTo(new[] { ReportScenario.ObId, ReportScenario.FvgId }), "zones still open at From are kept");
        Assert.That(symbol.Breaks.Select(b => b.Id), Is.EqualTo(new[] { ReportScenario.ChochId }));
        Assert.That(symbol.Trades, Is.Empty, "both trades were entered before From");
        Assert.That(model.Start, Is.EqualTo(from));
    }

    [Test]
    public void Add_UnknownSymbolId_IsIgnored()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r");
        builder.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = 999, Timeframe = 60, TimeNs = 1 });

        var model = builder.Build();

        Assert.That(model.Symbols, Is.Empty);
        Assert.That(builder.Count, Is.EqualTo(1));
    }
}
