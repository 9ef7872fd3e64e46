using IctEngine.Core;
using NUnit.Framework;

namespace IctEngine.Tests.Core;

[TestFixture]
public sealed class OrderBookTests
{
    [Test]
    public void SetStatus_ActiveToFinished_UpdatesCountsAndKeepsOrderQueryable()
    {
        var book = new OrderBook(4);
        book.TryAdd(new Order { ClientOrderId = 1, Status = OrderStatus.Submitted, Volume = 10, SymbolId = 2 });
        book.TryAdd(new Order { ClientOrderId = 2, Status = OrderStatus.Working, Volume = 5, SymbolId = 3, IsClose = true });

        Assert.That(book.ActiveCount, Is.EqualTo(2));
        Assert.That(book.PendingEntryVolume(-1), Is.EqualTo(10), "closing orders are not exposure");
        book.SetStatus(1, OrderStatus.Filled);

        Assert.That(book.ActiveCount, Is.EqualTo(1));
        Assert.That(book.StatusOf(1), Is.EqualTo(OrderStatus.Filled));
        Assert.That(book.StatusOf(99), Is.EqualTo(OrderStatus.None));
        Assert.That(book.MaxClientOrderId(), Is.EqualTo(2));
    }

    [Test]
    public void TryAdd_FullOfActiveOrders_Refuses_ButReusesFinishedSlots()
    {
        var book = new OrderBook(2);
        Assert.That(book.TryAdd(new Order { ClientOrderId = 1, Status = OrderStatus.Working }), Is.True);
        Assert.That(book.TryAdd(new Order { ClientOrderId = 2, Status = OrderStatus.Working }), Is.True);
        Assert.That(book.TryAdd(new Order { ClientOrderId = 3, Status = OrderStatus.Working }), Is.False);

        book.SetStatus(1, OrderStatus.Cancelled);

        Assert.That(book.TryAdd(new Order { ClientOrderId = 3, Status = OrderStatus.Working }), Is.True);
        Assert.That(book.StatusOf(1), Is.EqualTo(OrderStatus.None), "the oldest finished order made room");
    }
}
