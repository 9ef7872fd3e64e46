using IctEngine.Core;
using IctEngine.Report;
using NUnit.Framework;

namespace IctEngine.Tests.Report;

[TestFixture]
public sealed class ReportModelBuilderTests
{
    private static ReportModel BuildScenario(Action<ReportModelBuilder>? configure = null)
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, ReportScenario.RunId) { ConfigurationText = "{\"risk\":1}" };
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
    public void Build_MitigatedOrderBlock_EndsAtMitigationAndOpenGapAtRunEnd()
    {
        var zones = EurUsd(BuildScenario()).Zones;

        var ob = zones.Single(z => z.Id == ReportScenario.ObId);
        Assert.That(ob, Is.EqualTo(new ReportZone(ReportScenario.ObId, ZoneKind.OrderBlock, 1, 300, 1.08390m, 1.08350m,
            ReportScenario.BarTime(9), ReportScenario.BarTime(58), true)));
        var fvg = zones.Single(z => z.Id == ReportScenario.FvgId);
        Assert.That((fvg.Kind, fvg.Start, fvg.End, fvg.Mitigated), Is.EqualTo((ZoneKind.FairValueGap, ReportScenario.BarTime(34), ReportScenario.BarTime(60), false)));
    }

    [Test]
    public void Build_StructureBreaks_RunFromBrokenSwingToBreakingBar()
    {
        var breaks = EurUsd(BuildScenario()).Breaks;

        var bos = breaks.Single(b => b.Id == ReportScenario.BosId);
        Assert.That((bos.Kind, bos.Direction, bos.Level, bos.Label), Is.EqualTo((StructureBreakKind.Bos, 1, 1.08600m, "BOS↑")));
        Assert.That(bos.From, Is.EqualTo(ReportScenario.BarTime(20)), "swing time looked up from SwingDetected");
        Assert.That(bos.To, Is.EqualTo(ReportScenario.BarTime(36)));
        var choch = breaks.Single(b => b.Id == ReportScenario.ChochId);
        Assert.That((choch.Kind, choch.Direction, choch.Label, choch.From), Is.EqualTo((StructureBreakKind.Choch, -1, "CHoCH↓", ReportScenario.BarTime(28))));
    }

    [Test]
    public void Build_SweptLiquidity_CarriesSweepTimeAndPrice()
    {
        var level = EurUsd(BuildScenario()).Liquidity.Single();

        Assert.That(level, Is.EqualTo(new ReportLiquidity(ReportScenario.LiquidityId, -1, 300, 1.08350m, ReportScenario.BarTime(10),
            ReportScenario.BarTime(60), 1.08335m)));
    }

    [Test]
    public void Build_Session_BecomesNamedBand()
    {
        var session = EurUsd(BuildScenario()).Sessions.Single();

        Assert.That(session, Is.EqualTo(new ReportSession("London KZ", ReportScenario.Start, ReportScenario.Start.AddHours(3))));
    }

    [Test]
    public void Build_AccountLevelSession_DrawnOnEverySymbol()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r");
        var gbp = ReportScenario.Catalog.Get("GBPUSD").Id;
        var ny = ReportScenario.Start.AddHours(5);
        builder.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = ReportScenario.SymbolId, Timeframe = 300, TimeNs = ReportScenario.Ns(ny) });
        builder.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = gbp, Timeframe = 300, TimeNs = ReportScenario.Ns(ny) });
        builder.Add(new Decision { Type = DecisionType.SessionEvent, SymbolId = -1, Code = 3, TimeNs = ReportScenario.Ns(ny), A = ReportScenario.Ns(ny), B = ReportScenario.Ns(ny.AddHours(2)) });

        var model = builder.Build();

        Assert.That(model.Symbols.Select(s => s.Sessions.Single().Name), Is.EqualTo(new[] { "New York AM KZ", "New York AM KZ" }));
    }

    [Test]
    public void Build_Trades_JoinPositionsWithTheirSignals()
    {
        var trades = BuildScenario().AllTrades().ToList();

        Assert.That(trades.Select(t => t.Id), Is.EqualTo(new[] { ReportScenario.WinPosition, ReportScenario.LossPosition }));
        var win = trades[0];
        Assert.That((win.Side, win.EntryTime, win.EntryPrice, win.ExitTime, win.ExitPrice), Is.EqualTo((1, ReportScenario.BarTime(38), 1.08675m, (DateTime?)ReportScenario.BarTime(41), (decimal?)1.08755m)));
        Assert.That((win.Lots, win.Stop, win.Target, win.Pnl, win.RMultiple), Is.EqualTo((1.00m, (decimal?)1.08635m, (decimal?)1.08755m, 80m, (decimal?)2m)));
        Assert.That(win.StructureIds, Is.EqualTo(new[] { ReportScenario.BosId, ReportScenario.FvgId }));
        var loss = trades[1];
        Assert.That((loss.Lots, loss.Stop, loss.Target, loss.Pnl, loss.RMultiple), Is.EqualTo((0.50m, (decimal?)1.08610m, (decimal?)1.08750m, -20m, (decimal?)-1m)),
            "stop and target come from the signal when the position carries none");
        Assert.That(loss.StructureIds, Is.EqualTo(new[] { ReportScenario.BosId, ReportScenario.ObId }));
    }

    [Test]
    public void Build_OpenPosition_IsTradeWithoutExit()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r");
        builder.Add(new Decision { Type = DecisionType.PositionOpened, SymbolId = ReportScenario.SymbolId, Id = 5, Code = -1, TimeNs = ReportScenario.Ns(ReportScenario.Start), A = 108_000, B = 10, C = 108_100 });

        var trade = builder.Build().AllTrades().Single();

        Assert.That((trade.Side, trade.ExitTime, trade.ExitPrice, trade.RMultiple, trade.Lots), Is.EqualTo((-1, (DateTime?)null, (decimal?)null, (decimal?)null, 0.10m)));
    }

    [Test]
    public void Build_Equity_StepsAtClosesWithLimitLevels()
    {
        var equity = BuildScenario().Equity;

        Assert.That(equity.Select(p => (p.Time, p.Balance, p.Equity)), Is.EqualTo(new[]
        {
            (ReportScenario.Start, 100_000m, 100_000m),
            (ReportScenario.BarTime(41), 100_080m, 100_080m),
            (ReportScenario.BarTime(47), 100_060m, 100_060m),
        }));
        Assert.That(equity.Select(p => p.DailyLossLevel), Is.All.EqualTo(95_000m));
        Assert.That(equity.Select(p => p.MaxLossLevel), Is.All.EqualTo(90_000m));
    }

    [Test]
    public void Build_NextDay_DailyLossLevelFollowsDayStartBalance()
    {
        var builder = new ReportModelBuilder(ReportScenario.Catalog, "r") { InitialBalance = 1_000m, DailyLossLimit = 50m, MaxLossLimit = 100m };
        var s = ReportScenario.SymbolId;
        builder.Add(new Decision { Type = DecisionType.PositionClosed, SymbolId = s, Id = 1, TimeNs = ReportScenario.Ns(ReportScenario.Start), D = 20_000_000 });
        builder.Add(new Decision { Type = DecisionType.PositionClosed, SymbolId = s, Id = 2, TimeNs = ReportScenario.Ns(ReportScenario.Start.AddDays(1)), D = -10_000_000 });

        var equity = builder.Build().Equity;

        Assert.That(equity.Select(p => (p.Balance, p.DailyLossLevel, p.MaxLossLevel)), Is.EqualTo(new (decimal, decimal?, decimal?)[]
        {
            (1_000m, 950m, 900m), (1_020m, 950m, 900m), (1_010m, 970m, 900m),
        }));
    }

    [Test]
    public void Build_Rejects_CountedByStageAndReason()
    {
        var rejects = BuildScenario().RejectsByReason;

        Assert.That(rejects, Is.EqualTo(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["risk: 3"] = 1, ["tick: Spike"] = 2 }));
    }

    [Test]
    public void Build_Scenario_MetricsSummariseTrades()
    {
        var metrics = BuildScenario().Metrics.ToDictionary(m => m.Key, m => m.Value);

        Assert.That(metrics["Closed trades"], Is.EqualTo("2"));
        Assert.That(metrics["Wins / losses"], Is.EqualTo("1 / 1"));
        Assert.That(metrics["Win rate"], Is.EqualTo("50.0 %"));
        Assert.That(metrics["Net P&L"], Is.EqualTo("60.00"));
        Assert.That(metrics["Profit factor"], Is.EqualTo("4.00"));
        Assert.That(metrics["Average R"], Is.EqualTo("0.50"));
        Assert.That(metrics["Max drawdown"], Is.EqualTo("20.00"));
        Assert.That(metrics["Rejects"], Is.EqualTo("3"));
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
