using System.Runtime.CompilerServices;

namespace IctEngine.Core;

/// <summary>
/// The trading account risk and execution share: balance, open positions, our orders, floating P&amp;L and equity in
/// account micros. Risk and execution always run on the same thread (docs/ARCHITECTURE.md), so it has no locks, and
/// what risk sees of fills does not depend on the threading configuration. Fixed capacity: nothing allocates per tick.
/// </summary>
public sealed class AccountState
{
    private readonly Position[] _positions;
    private readonly long _leverage;
    private int _count;

    public AccountState(InstrumentCatalog instruments, decimal initialBalance, string accountCurrency = "USD",
        int leverage = 100, int maxPositions = 64, int maxOrders = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leverage, 1);
        Instruments = instruments;
        Converter = new AccountCurrencyConverter(instruments, accountCurrency);
        Orders = new OrderBook(maxOrders);
        _positions = new Position[maxPositions];
        _leverage = leverage;
        InitialBalanceMicros = Money.FromDecimal(initialBalance).Micros;
        BalanceMicros = InitialBalanceMicros;
    }

    public InstrumentCatalog Instruments { get; }

    public AccountCurrencyConverter Converter { get; }

    public OrderBook Orders { get; }

    public long InitialBalanceMicros { get; }

    /// <summary>Closed P&amp;L minus commissions, added to the initial balance.</summary>
    public long BalanceMicros { get; private set; }

    /// <summary>Sum of the positions' floating P&amp;L at their symbols' last quotes.</summary>
    public long UnrealisedMicros { get; private set; }

    public long EquityMicros => BalanceMicros + UnrealisedMicros;

    /// <summary>Margin of the open positions: notional at entry in account currency ÷ leverage.</summary>
    public long MarginUsedMicros { get; private set; }

    public int PositionCount => _count;

    public ReadOnlySpan<Position> Positions => _positions.AsSpan(0, _count);

    public int PositionCapacity => _positions.Length;

    /// <summary>Index of a position by id, -1 when it is not open.</summary>
    public int IndexOf(long positionId)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_positions[i].Id == positionId)
            {
                return i;
            }
        }

        return -1;
    }

    public ref Position PositionAt(int index) => ref _positions[index];

    /// <summary>Marks the account to a new quote: floating P&amp;L of every position (conversion rates may move too).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnQuote(int symbolId, long bid, long ask)
    {
        Converter.OnQuote(symbolId, bid, ask);
        if (_count != 0)
        {
            Revalue(symbolId);
        }
    }

    /// <summary>Open volume on a symbol (-1: all symbols), both directions.</summary>
    public long OpenVolume(int symbolId)
    {
        long total = 0;
        for (var i = 0; i < _count; i++)
        {
            if (symbolId < 0 || _positions[i].SymbolId == symbolId)
            {
                total += _positions[i].Volume;
            }
        }

        return total;
    }

    public int OpenCount(int symbolId)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (symbolId < 0 || _positions[i].SymbolId == symbolId)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Floating P&amp;L of a position at the current quote (long closes at bid, short at ask).</summary>
    public long FloatingMicros(in Position p)
    {
        var exit = p.Side > 0 ? Converter.Bid(p.SymbolId) : Converter.Ask(p.SymbolId);
        return exit == 0 ? 0 : Converter.ValueMicros(p.SymbolId, (exit - p.EntryPrice) * p.Side, p.Volume);
    }

    /// <summary>Opens a position (its entry commission is taken from the balance). False when the table is full.</summary>
    public bool TryOpen(in Position position)
    {
        if (_count == _positions.Length)
        {
            return false;
        }

        ref var p = ref _positions[_count++];
        p = position;
        BalanceMicros -= p.CommissionMicros;
        MarginUsedMicros += Margin(p);
        p.UnrealisedMicros = FloatingMicros(p);
        UnrealisedMicros += p.UnrealisedMicros;
        return true;
    }

    /// <summary>
    /// Closes <paramref name="volume"/> of the position at <paramref name="index"/> at <paramref name="exitPrice"/>;
    /// returns the gross P&amp;L realised (account micros). The position is removed when nothing is left.
    /// </summary>
    public long Close(int index, long volume, long exitPrice, long commissionMicros)
    {
        ref var p = ref _positions[index];
        volume = Math.Min(volume, p.Volume);
        var realised = Converter.ValueMicros(p.SymbolId, (exitPrice - p.EntryPrice) * p.Side, volume);
        MarginUsedMicros -= Margin(p);
        UnrealisedMicros -= p.UnrealisedMicros;
        p.Volume -= volume;
        p.RealisedMicros += realised;
        p.CommissionMicros += commissionMicros;
        BalanceMicros += realised - commissionMicros;
        if (p.Volume == 0)
        {
            _positions[index] = _positions[--_count];
            _positions[_count] = default;
            return realised;
        }

        MarginUsedMicros += Margin(p);
        p.UnrealisedMicros = FloatingMicros(p);
        UnrealisedMicros += p.UnrealisedMicros;
        return realised;
    }

    /// <summary>
    /// Adds a further fill of the opening order to the position at <paramref name="index"/>: volume-weighted average
    /// entry (truncated to a price unit), commission taken from the balance. Returns the new entry price.
    /// </summary>
    public long Increase(int index, long volume, long price, long commissionMicros)
    {
        ref var p = ref _positions[index];
        MarginUsedMicros -= Margin(p);
        UnrealisedMicros -= p.UnrealisedMicros;
        var total = p.Volume + volume;
        p.EntryPrice = (long)(((Int128)p.EntryPrice * p.Volume + (Int128)price * volume) / total);
        p.Volume = total;
        p.InitialVolume += volume;
        p.CommissionMicros += commissionMicros;
        BalanceMicros -= commissionMicros;
        MarginUsedMicros += Margin(p);
        p.UnrealisedMicros = FloatingMicros(p);
        UnrealisedMicros += p.UnrealisedMicros;
        return p.EntryPrice;
    }

    /// <summary>Adjusts the balance by an amount the broker reports outside a fill (reconciliation).</summary>
    public void AdjustBalance(long micros) => BalanceMicros += micros;

    /// <summary>Drops a position without realising anything (the broker no longer has it: reconciliation).</summary>
    public void Remove(int index)
    {
        MarginUsedMicros -= Margin(_positions[index]);
        UnrealisedMicros -= _positions[index].UnrealisedMicros;
        _positions[index] = _positions[--_count];
        _positions[_count] = default;
    }

    /// <summary>
    /// Rebuilds state from one journaled decision (replaying the journal after a restart). Field meanings per
    /// decision type are in docs/RISK.md; decisions of other stages are ignored.
    /// </summary>
    public void Apply(in Decision d)
    {
        switch (d.Type)
        {
            case DecisionType.OrderSubmitted:
                Orders.TryAdd(new Order
                {
                    ClientOrderId = d.Id, Type = (OrderType)d.Code, Status = OrderStatus.Submitted, Side = (int)d.Ref1,
                    SymbolId = d.SymbolId, Volume = d.A, Price = d.B, StopLoss = d.C, TakeProfit = d.D,
                    ExpiresAtNs = d.E, SignalId = d.Ref0, SignalTimeNs = d.F, SubmittedNs = d.TimeNs,
                    PositionId = d.Ref2, IsClose = d.Ref2 != 0,
                });
                break;
            case DecisionType.OrderAccepted:
                Orders.SetStatus(d.Id, OrderStatus.Working);
                break;
            case DecisionType.OrderRejected:
                Orders.SetStatus(d.Id, OrderStatus.Rejected);
                break;
            case DecisionType.OrderCancelled:
                Orders.SetStatus(d.Id, OrderStatus.Cancelled);
                break;
            case DecisionType.OrderExpired:
                Orders.SetStatus(d.Id, OrderStatus.Expired);
                break;
            case DecisionType.OrderFilled:
                ApplyFill(d);
                break;
            case DecisionType.PositionOpened:
                TryOpen(new Position
                {
                    Id = d.Id, SymbolId = d.SymbolId, Side = (int)d.Ref1, Volume = d.A, InitialVolume = d.A,
                    EntryPrice = d.B, StopLoss = d.C, TakeProfit = d.D, SignalId = d.Ref0, OpenedNs = d.TimeNs,
                });
                break;
            case DecisionType.PositionChanged:
                ApplyChange(d);
                break;
            case DecisionType.ReconciliationDifference:
                ApplyReconciliation(d);
                break;
            case DecisionType.AccountReconciled:
                // C is the adjustment that made our balance the terminal's (swaps, commissions, deposits we cannot see).
                BalanceMicros += d.C;
                break;
            case DecisionType.PositionClosed:
                var closed = IndexOf(d.Id);
                if (closed >= 0)
                {
                    var before = BalanceMicros;
                    Close(closed, _positions[closed].Volume, d.C, 0);
                    BalanceMicros = before + d.F;
                }

                break;
        }
    }

    private void ApplyFill(in Decision d)
    {
        ref var order = ref Orders.Find(d.Id);
        if (!Unsafe.IsNullRef(ref order))
        {
            order.FilledVolume += d.A;
            if (order.FilledVolume >= order.Volume)
            {
                Orders.SetStatus(d.Id, OrderStatus.Filled);
            }
        }

        // Commission is charged at the fill; the position decisions carry no balance change for it.
        BalanceMicros -= d.E;
    }

    private void ApplyChange(in Decision d)
    {
        var index = IndexOf(d.Id);
        if (index < 0)
        {
            return;
        }

        ref var p = ref _positions[index];
        if (d.Code == (int)PositionChangeKind.PartialClose)
        {
            var before = BalanceMicros;
            Close(index, d.C, d.B, 0);
            BalanceMicros = before + d.D;
        }
        else if (d.Code == (int)PositionChangeKind.Increased)
        {
            // The commission was taken with the OrderFilled decision.
            Increase(index, d.C, d.B, 0);
        }
        else
        {
            p.StopLoss = d.C;
            p.TakeProfit = d.D;
        }
    }

    private void ApplyReconciliation(in Decision d)
    {
        var index = IndexOf(d.Id);
        switch ((ReconciliationKind)d.Code)
        {
            case ReconciliationKind.PositionMissingLocally when index < 0:
                TryOpen(new Position
                {
                    Id = d.Id, SymbolId = d.SymbolId, Side = (int)d.Ref1, Volume = d.B, InitialVolume = d.B,
                    EntryPrice = d.C, StopLoss = d.D, TakeProfit = d.E, SignalId = d.Ref0, OpenedNs = d.F,
                });
                break;
            case ReconciliationKind.PositionMissingAtBroker when index >= 0:
                Remove(index);
                break;
            case ReconciliationKind.VolumeMismatch when index >= 0:
                var p = _positions[index];
                Remove(index);
                var commission = p.CommissionMicros;
                p.CommissionMicros = 0;
                p.Volume = d.B;
                TryOpen(p);
                _positions[_count - 1].CommissionMicros = commission;
                break;
            case ReconciliationKind.OrderFilledWhileAway:
                Orders.SetStatus(d.Id, OrderStatus.Filled);
                break;
            case ReconciliationKind.OrderMissingAtBroker:
                Orders.SetStatus(d.Id, OrderStatus.Cancelled);
                break;
            case ReconciliationKind.OrderNowWorking:
                Orders.SetStatus(d.Id, OrderStatus.Working);
                break;
            case ReconciliationKind.OrderUnknownLocally:
                Orders.TryAdd(new Order
                {
                    ClientOrderId = d.Id, Status = OrderStatus.Working, Type = (OrderType)d.Ref2, Side = (int)d.Ref1,
                    SymbolId = d.SymbolId, Volume = d.B, Price = d.C, StopLoss = d.D, TakeProfit = d.E,
                    ExpiresAtNs = d.F, SignalId = d.Ref0,
                });
                break;
        }
    }

    /// <summary>Re-marks only the positions a quote of <paramref name="symbolId"/> can move (their symbol or its conversion pair).</summary>
    private void Revalue(int symbolId)
    {
        var total = UnrealisedMicros;
        for (var i = 0; i < _count; i++)
        {
            ref var p = ref _positions[i];
            if (p.SymbolId != symbolId && !Converter.ConvertsThrough(p.SymbolId, symbolId))
            {
                continue;
            }

            var value = FloatingMicros(p);
            total += value - p.UnrealisedMicros;
            p.UnrealisedMicros = value;
        }

        UnrealisedMicros = total;
    }

    private long Margin(in Position p) => Converter.ValueMicros(p.SymbolId, p.EntryPrice, p.Volume) / _leverage;
}
