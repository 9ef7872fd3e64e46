namespace IctEngine.Core;

/// <summary>
/// Our own orders (not the market's): a fixed-capacity table so that tracking orders never allocates. Finished
/// orders stay queryable until their slot is needed again (oldest finished first).
/// </summary>
public sealed class OrderBook
{
    private readonly Order[] _orders;
    private int _next;

    public OrderBook(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _orders = new Order[capacity];
    }

    public int Capacity => _orders.Length;

    /// <summary>Orders submitted or working.</summary>
    public int ActiveCount { get; private set; }

    /// <summary>Every slot, finished and unused ones included (check <see cref="Order.Status"/>).</summary>
    public ReadOnlySpan<Order> All => _orders;

    /// <summary>Stores a new order; false when every slot holds an active order.</summary>
    public bool TryAdd(in Order order)
    {
        for (var i = 0; i < _orders.Length; i++)
        {
            var slot = (_next + i) % _orders.Length;
            if (!_orders[slot].IsActive)
            {
                _orders[slot] = order;
                _next = (slot + 1) % _orders.Length;
                if (order.IsActive)
                {
                    ActiveCount++;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>The order with this client id, or a null reference when unknown (test with <c>Unsafe.IsNullRef</c>).</summary>
    public ref Order Find(long clientOrderId)
    {
        if (clientOrderId != 0)
        {
            for (var i = 0; i < _orders.Length; i++)
            {
                if (_orders[i].ClientOrderId == clientOrderId && _orders[i].Status != OrderStatus.None)
                {
                    return ref _orders[i];
                }
            }
        }

        return ref System.Runtime.CompilerServices.Unsafe.NullRef<Order>();
    }

    public bool TryGet(long clientOrderId, out Order order)
    {
        ref var found = ref Find(clientOrderId);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref found))
        {
            order = default;
            return false;
        }

        order = found;
        return true;
    }

    /// <summary>Status of an order, <see cref="OrderStatus.None"/> when unknown.</summary>
    public OrderStatus StatusOf(long clientOrderId) => TryGet(clientOrderId, out var o) ? o.Status : OrderStatus.None;

    /// <summary>Moves an order to a new status, keeping <see cref="ActiveCount"/> right.</summary>
    public bool SetStatus(long clientOrderId, OrderStatus status)
    {
        ref var order = ref Find(clientOrderId);
        if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref order))
        {
            return false;
        }

        var wasActive = order.IsActive;
        order.Status = status;
        ActiveCount += (order.IsActive ? 1 : 0) - (wasActive ? 1 : 0);
        return true;
    }

    /// <summary>Volume of active entry orders on a symbol (-1 for all symbols): exposure not yet filled.</summary>
    public long PendingEntryVolume(int symbolId)
    {
        long total = 0;
        foreach (ref readonly var o in _orders.AsSpan())
        {
            if (o.IsActive && !o.IsClose && (symbolId < 0 || o.SymbolId == symbolId))
            {
                total += o.Volume - o.FilledVolume;
            }
        }

        return total;
    }

    /// <summary>Active entry orders (any symbol when <paramref name="symbolId"/> is -1).</summary>
    public int PendingEntryCount(int symbolId)
    {
        var n = 0;
        foreach (ref readonly var o in _orders.AsSpan())
        {
            if (o.IsActive && !o.IsClose && (symbolId < 0 || o.SymbolId == symbolId))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Largest client order id known (used to continue the id sequence after a rebuild).</summary>
    public long MaxClientOrderId()
    {
        long max = 0;
        foreach (ref readonly var o in _orders.AsSpan())
        {
            max = Math.Max(max, o.ClientOrderId);
        }

        return max;
    }
}
