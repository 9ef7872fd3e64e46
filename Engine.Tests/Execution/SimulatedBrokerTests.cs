using IctEngine.Core;
using IctEngine.Execution;
using IctEngine.Ticks;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Execution;

[TestFixture]
public sealed class SimulatedBrokerTests
{
    private const long Ms = 1_000_000L;
    private static readonly long T0 = RiskExecutionRig.Monday;
    private static readonly int Eurusd = InstrumentCatalog.Default.Get("EURUSD").Id;

    private static SimulatedBroker Broker(long latencyMs = 0, long slippage = 0) =>
        new(new ExecutionOptions { Latency = TimeSpan.FromMilliseconds(latencyMs), SlippagePoints = slippage, CommissionPerLot = 3m },
            InstrumentCatalog.Default);

    private static Order Entry(long id, int side, OrderType type = OrderType.Market, long price = 0, long stop = 0, long target = 0,
        long volume = 100, long expires = 0) => new()
    {
        ClientOrderId = id, Side = side, Type = type, SymbolId = Eurusd, Volume = volume, Price = price,
        StopLoss = stop, TakeProfit = target, ExpiresAtNs = expires, Status = OrderStatus.Submitted,
    };

    private static List<BrokerReport> Tick(SimulatedBroker broker, long t, long bid, long ask)
    {
        broker.OnTick(new Tick(t, bid, ask, Eurusd));
        var reports = new List<BrokerReport>();
        while (broker.TryReadReport(out var r))
        {
            reports.Add(r);
        }

        return reports;
    }

    [Test]
    public void OnTick_MarketBuyWithLatency_FillsAtAskOfFirstTickAfterLatency()
    {
        var broker = Broker(latencyMs: 100);
        broker.Submit(Entry(1, 1), T0);

        Assert.That(Tick(broker, T0 + (99 * Ms), 110000, 110010), Is.Empty);
        var reports = Tick(broker, T0 + (150 * Ms), 110020, 110030);

        Assert.That(reports.Select(r => r.Type), Is.EqualTo(new[] { BrokerReportType.OrderAccepted, BrokerReportType.Fill }));
        Assert.That(reports[1].Price, Is.EqualTo(110030));
        Assert.That(reports[1].TimeNs, Is.EqualTo(T0 + (150 * Ms)));
        Assert.That(reports[1].CommissionMicros, Is.EqualTo(3_000_000));
    }

    [Test]
    public void OnTick_MarketSellWithSlippage_FillsBelowBid()
    {
        var broker = Broker(slippage: 2);
        broker.Submit(Entry(1, -1), T0);

        var fill = Tick(broker, T0, 110000, 110010).Single(r => r.Type == BrokerReportType.Fill);

        Assert.That(fill.Price, Is.EqualTo(109998));
        Assert.That(fill.Side, Is.EqualTo(-1));
    }

    [Test]
    public void OnTick_BuyLimit_FillsWhenAskTradesAtOrBelowItsPrice()
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, OrderType.Limit, price: 109900), T0);

        Assert.That(Tick(broker, T0, 109950, 109960).Single().Type, Is.EqualTo(BrokerReportType.OrderAccepted));
        var fill = Tick(broker, T0 + Ms, 109870, 109880).Single();

        Assert.That(fill.Type, Is.EqualTo(BrokerReportType.Fill));
        Assert.That(fill.Price, Is.EqualTo(109880), "the gap below the limit is a better price");
    }

    [Test]
    public void OnTick_BuyStopGappedThrough_FillsAtFirstAvailableAsk()
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, OrderType.Stop, price: 110100), T0);
        Tick(broker, T0, 110040, 110050);

        var fill = Tick(broker, T0 + Ms, 110190, 110200).Single();

        Assert.That(fill.Price, Is.EqualTo(110200));
    }

    [Test]
    public void OnTick_StopLossGap_ClosesAtFirstAvailableBid()
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, stop: 109800, target: 110500), T0);
        Tick(broker, T0, 110000, 110010);

        Assert.That(Tick(broker, T0 + Ms, 109810, 109820), Is.Empty);
        var close = Tick(broker, T0 + (2 * Ms), 109500, 109510).Single();

        Assert.That(close.Type, Is.EqualTo(BrokerReportType.Fill));
        Assert.That(close.Code, Is.EqualTo((int)CloseReason.StopLoss));
        Assert.That(close.Price, Is.EqualTo(109500), "not the stop price");
        Assert.That(close.Side, Is.EqualTo(-1));
        Assert.That(broker.PositionCount, Is.Zero);
    }

    [Test]
    public void OnTick_ShortTakeProfitGap_ClosesAtAsk()
    {
        var broker = Broker();
        broker.Submit(Entry(1, -1, stop: 110300, target: 109700), T0);
        Tick(broker, T0, 110000, 110010);

        var close = Tick(broker, T0 + Ms, 109600, 109610).Single();

        Assert.That(close.Code, Is.EqualTo((int)CloseReason.TakeProfit));
        Assert.That(close.Price, Is.EqualTo(109610));
    }

    [TestCase(0)]
    [TestCase(10_001)]
    public void Submit_InvalidVolume_Rejected(long volume)
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, volume: volume), T0);

        Assert.That(broker.TryReadReport(out var report), Is.True);
        Assert.That(report.Type, Is.EqualTo(BrokerReportType.OrderRejected));
        Assert.That(report.Code, Is.EqualTo((int)BrokerRejectCode.InvalidVolume));
    }

    [Test]
    public void OnTick_Weekend_RejectsNoLiquidity()
    {
        var broker = Broker();
        var saturday = Timestamp.Parse("2024-03-09 12:00:00").UnixNanoseconds;
        broker.Submit(Entry(1, 1), saturday);

        var report = Tick(broker, saturday, 110000, 110010).Single();

        Assert.That(report.Type, Is.EqualTo(BrokerReportType.OrderRejected));
        Assert.That(report.Code, Is.EqualTo((int)BrokerRejectCode.MarketClosed));
    }

    [TestCase("2024-03-08 20:59:59", true)]
    [TestCase("2024-03-08 21:00:00", false)]
    [TestCase("2024-03-09 12:00:00", false)]
    [TestCase("2024-03-10 20:59:59", false)]
    [TestCase("2024-03-10 21:00:00", true)]
    public void IsMarketOpen_AroundTheWeekend_FollowsFridayCloseAndSundayOpen(string utc, bool open)
    {
        Assert.That(Broker().IsMarketOpen(Timestamp.Parse(utc).UnixNanoseconds), Is.EqualTo(open));
    }

    [Test]
    public void OnTick_LimitPastExpiry_Expires()
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, OrderType.Limit, price: 109000, expires: T0 + (10 * Ms)), T0);
        Tick(broker, T0, 110000, 110010);

        var report = Tick(broker, T0 + (10 * Ms), 110000, 110010).Single();

        Assert.That(report.Type, Is.EqualTo(BrokerReportType.OrderCancelled));
        Assert.That(report.Code, Is.EqualTo(1), "1 marks an expiry");
        Assert.That(broker.WorkingOrderCount, Is.Zero);
    }

    [Test]
    public void Close_PartialThenRest_ReportsEachPart()
    {
        var broker = Broker();
        broker.Submit(Entry(1, 1, volume: 200), T0);
        Tick(broker, T0, 110000, 110010);

        broker.Close(2, 1, 50, T0 + Ms);
        var part = Tick(broker, T0 + Ms, 110100, 110110).Single(r => r.Type == BrokerReportType.Fill);
        broker.Close(3, 1, 0, T0 + (2 * Ms));
        var rest = Tick(broker, T0 + (2 * Ms), 110200, 110210).Single(r => r.Type == BrokerReportType.Fill);

        Assert.That((part.Volume, part.Price, part.PositionId), Is.EqualTo((50L, 110100L, 1L)));
        Assert.That((rest.Volume, rest.Price), Is.EqualTo((150L, 110200L)));
        Assert.That(broker.PositionCount, Is.Zero);
    }
}
