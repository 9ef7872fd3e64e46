using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Smc;
using Serilog;

namespace IctEngine.Risk;

/// <summary>
/// The risk stage: a verdict for every signal (approved with a size, or denied with a reason), equity guards on
/// every accepted tick (FTMO daily loss against the balance at midnight Europe/Prague, maximum loss), exposure,
/// order-rate and correlation limits, and the trading state. Shares the <see cref="AccountState"/> with execution
/// on the same thread; everything it decides is journaled (docs/RISK.md). No allocation per event.
/// </summary>
public sealed class RiskStage : IEventHandler<EngineEvent>
{
    private static readonly ILogger Logger = Log.ForContext<RiskStage>();

    private readonly RiskOptions _options;
    private readonly AccountState _account;
    private readonly SpscQueue<Signal> _signals;
    private readonly SpscQueue<OrderRequest> _orders;
    private readonly SpscQueue<Decision> _decisions;
    private readonly DailyResetSchedule _schedule;
    private readonly OrderRateLimiter _rate;
    private readonly ReturnCorrelation _correlation;
    private readonly long _dailyLimit;
    private readonly long _maxLimit;
    private readonly long _buffer;
    private readonly long _margin;
    private readonly long _commissionPerLotMicros;
    private long _nextResetNs = long.MinValue;
    private long _highestBalance;
    private long _nextEventId = 1;
    private bool _dailyBreached;
    private bool _maxBreached;
    private int _requestedState = -1;
    private int _flattenRequested;
    private TradingStateCause _stateCause;
    private int _orderCount;

    public RiskStage(RiskOptions options, AccountState account, SpscQueue<Signal> signals,
        SpscQueue<OrderRequest> orders, SpscQueue<Decision> decisions)
    {
        _options = options;
        _account = account;
        _signals = signals;
        _orders = orders;
        _decisions = decisions;
        _schedule = new DailyResetSchedule(options.DailyResetTimeZone);
        _rate = new OrderRateLimiter(options.MaxOrdersPerSecond);
        _correlation = new ReturnCorrelation(account.Instruments.Count, options.CorrelationBarPeriod, options.CorrelationWindow);
        _dailyLimit = Percent(account.InitialBalanceMicros, options.DailyLossPercent);
        _maxLimit = Percent(account.InitialBalanceMicros, options.MaxLossPercent);
        _buffer = Percent(account.InitialBalanceMicros, options.BreachBufferPercent);
        _margin = Percent(account.InitialBalanceMicros, options.SafetyMarginPercent);
        _commissionPerLotMicros = Money.FromDecimal(options.CommissionPerLot).Micros;
        _highestBalance = account.BalanceMicros;
        DayStartBalanceMicros = account.BalanceMicros;
    }

    public TradingState State { get; private set; }

    /// <summary>Balance at the last daily reset: the daily loss is measured from it.</summary>
    public long DayStartBalanceMicros { get; private set; }

    /// <summary>The equity at which the daily guard fires (day start − limit + buffer).</summary>
    public long DailyGuardMicros => DayStartBalanceMicros - _dailyLimit + _buffer;

    /// <summary>The maximum-loss floor (fixed at initial − limit, or trailing the highest balance).</summary>
    public long MaxLossFloorMicros => (_options.TrailingMaxLoss ? _highestBalance : _account.InitialBalanceMicros) - _maxLimit;

    public SpscQueue<Decision> Decisions => _decisions;

    public ReturnCorrelation Correlation => _correlation;

    /// <summary>
    /// Asks for a trading state from any thread (the operator); applied and journaled at the next event, so the
    /// change has an event time and a place in the decision stream.
    /// </summary>
    public void RequestTradingState(TradingState state) => Volatile.Write(ref _requestedState, (int)state);

    /// <summary>Asks, from any thread, for every position to be closed and every working order cancelled at the next event.</summary>
    public void RequestFlatten() => Volatile.Write(ref _flattenRequested, 1);

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        var decisionsBefore = _decisions.Written;
        _orderCount = 0;
        var now = data.TimeNs;
        if (now >= _nextResetNs)
        {
            DailyReset(now);
        }

        if (Volatile.Read(ref _requestedState) >= 0)
        {
            ApplyRequestedState(now);
        }

        if (Volatile.Read(ref _flattenRequested) != 0 && Interlocked.Exchange(ref _flattenRequested, 0) != 0)
        {
            QueueFlatten(0, CloseReason.Manual, now);
        }

        if (data.Kind == EngineEventKind.Tick && data.Reject == RejectReason.None)
        {
            ref readonly var tick = ref data.Tick;
            _account.OnQuote(tick.SymbolId, tick.Bid, tick.Ask);
            _correlation.OnTick(tick.SymbolId, tick.TimeNs, tick.MidTimesTwo);
            CheckEquity(now);
        }

        for (var i = 0; i < data.SignalCount; i++)
        {
            var signal = _signals.Read();
            Decide(signal, now);
        }

        data.OrderRequestCount = _orderCount;
        data.Decisions[(int)PipelineStage.Risk] = (int)(_decisions.Written - decisionsBefore);
    }

    /// <summary>
    /// Changes the trading state now, journaling the change and its cause. Inside <see cref="OnEvent"/> only, so the
    /// decision is counted in the slot; the operator uses <see cref="RequestTradingState"/>.
    /// </summary>
    private void SetTradingState(TradingState state, TradingStateCause cause, long timeNs, long causationId = 0)
    {
        if (state == State)
        {
            return;
        }

        var old = State;
        State = state;
        _stateCause = cause;
        ref var d = ref Journal(DecisionType.TradingStateChanged, -1, timeNs, _nextEventId++, causationId);
        d.Code = (int)state;
        d.A = (int)old;
        d.B = (int)cause;
        d.C = _account.EquityMicros;
        d.D = _account.BalanceMicros;
        d.E = DayStartBalanceMicros;
        _decisions.Publish();
        if (cause == TradingStateCause.Operator && state == TradingState.Active)
        {
            // The operator resuming re-arms the guards; if a limit is still below, they fire again on the next tick.
            _dailyBreached = false;
            _maxBreached = false;
        }

        Logger.Information("Trading state {Old} -> {New} ({Cause})", old, state, cause);
    }

    /// <summary>
    /// Rebuilds the trading day, the trading state and the guards' memory from one journaled decision. Call it for
    /// every decision in journal order, <b>before</b> <see cref="AccountState.Apply"/> of the same decision: a day
    /// boundary takes the balance as it stood before the first decision after midnight, as the live reset did.
    /// </summary>
    public void Apply(in Decision d)
    {
        if (d.TimeNs >= _nextResetNs)
        {
            _nextResetNs = _schedule.NextResetNs(d.TimeNs);
            DayStartBalanceMicros = _account.BalanceMicros;
            _highestBalance = Math.Max(_highestBalance, _account.BalanceMicros);
            _dailyBreached = false;
        }

        switch (d.Type)
        {
            case DecisionType.TradingStateChanged:
                State = (TradingState)d.Code;
                _stateCause = (TradingStateCause)d.B;
                DayStartBalanceMicros = d.E;
                _nextEventId = Math.Max(_nextEventId, d.Id + 1);
                break;
            case DecisionType.LimitBreached:
                _dailyBreached |= d.Code == (int)LimitKind.DailyLoss;
                _maxBreached |= d.Code == (int)LimitKind.MaxLoss;
                _nextEventId = Math.Max(_nextEventId, d.Id + 1);
                break;
            case DecisionType.RiskApproved:
                _rate.Record(d.TimeNs);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckEquity(long now)
    {
        var equity = _account.EquityMicros;
        if (equity <= DailyGuardMicros && !_dailyBreached)
        {
            Breach(LimitKind.DailyLoss, DailyGuardMicros, _dailyLimit, now);
        }

        if (equity <= MaxLossFloorMicros + _buffer && !_maxBreached)
        {
            Breach(LimitKind.MaxLoss, MaxLossFloorMicros + _buffer, _maxLimit, now);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Breach(LimitKind kind, long threshold, long limit, long now)
    {
        if (kind == LimitKind.DailyLoss)
        {
            _dailyBreached = true;
        }
        else
        {
            _maxBreached = true;
        }

        var id = _nextEventId++;
        ref var d = ref Journal(DecisionType.LimitBreached, -1, now, id, 0);
        d.Code = (int)kind;
        d.A = _account.EquityMicros;
        d.B = threshold;
        d.C = DayStartBalanceMicros;
        d.D = _account.BalanceMicros;
        d.E = (kind == LimitKind.DailyLoss ? DayStartBalanceMicros : _account.InitialBalanceMicros) - _account.EquityMicros;
        d.F = limit;
        _decisions.Publish();
        var cause = kind == LimitKind.DailyLoss ? TradingStateCause.DailyLoss : TradingStateCause.MaxLoss;
        switch (_options.BreachAction)
        {
            case BreachAction.FlattenAndHalt:
                QueueFlatten(id, CloseReason.Flatten, now);
                SetTradingState(TradingState.Halted, cause, now, id);
                break;
            case BreachAction.Halt:
                SetTradingState(TradingState.Halted, cause, now, id);
                break;
            case BreachAction.Reduce:
                if (State == TradingState.Active)
                {
                    SetTradingState(TradingState.Reducing, cause, now, id);
                }

                break;
        }

        Logger.Warning("{Kind} guard fired: equity {Equity} at or below {Threshold}", kind, new Money(_account.EquityMicros), new Money(threshold));
    }

    private void QueueFlatten(long causationId, CloseReason reason, long now)
    {
        ref var flatten = ref _orders.Claim();
        flatten.Kind = OrderRequestKind.Flatten;
        flatten.TimeNs = now;
        flatten.CausationId = causationId;
        flatten.Reason = (int)reason;
        _orders.Publish();
        _orderCount++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DailyReset(long now)
    {
        var first = _nextResetNs == long.MinValue;
        _nextResetNs = _schedule.NextResetNs(now);
        DayStartBalanceMicros = _account.BalanceMicros;
        _highestBalance = Math.Max(_highestBalance, _account.BalanceMicros);
        if (first)
        {
            return;
        }

        var wasDaily = _dailyBreached;
        _dailyBreached = false;
        // Only a daily-loss stop is lifted by the new day; an operator's or a max-loss stop stays.
        if (wasDaily && !_maxBreached && State != TradingState.Active && _stateCause == TradingStateCause.DailyLoss)
        {
            SetTradingState(TradingState.Active, TradingStateCause.DailyReset, now);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ApplyRequestedState(long now)
    {
        var requested = Interlocked.Exchange(ref _requestedState, -1);
        if (requested >= 0)
        {
            SetTradingState((TradingState)requested, TradingStateCause.Operator, now);
        }
    }

    private void Decide(in Signal s, long now)
    {
        var instruments = _account.Instruments;
        if ((uint)s.SymbolId >= (uint)instruments.Count || s.Direction is not (1 or -1) || !_account.Converter.HasQuote(s.SymbolId))
        {
            Deny(s, RiskDenyReason.InvalidSignal, 0, 0, 0, 0, now);
            return;
        }

        if (State == TradingState.Halted)
        {
            Deny(s, RiskDenyReason.TradingHalted, 0, 0, 0, 0, now);
            return;
        }

        if (State == TradingState.Reducing)
        {
            ReduceOrDeny(s, now);
            return;
        }

        var entry = s.IsLimit ? s.Entry
            : s.Direction > 0 ? _account.Converter.Ask(s.SymbolId) : _account.Converter.Bid(s.SymbolId);
        if (s.StopLoss == 0)
        {
            if (_options.RequireStopLoss)
            {
                Deny(s, RiskDenyReason.NoStopLoss, 0, entry, 0, 0, now);
                return;
            }
        }

        var stopDistance = (entry - s.StopLoss) * s.Direction;
        if (entry <= 0 || stopDistance <= 0 || (s.TakeProfit != 0 && (s.TakeProfit - entry) * s.Direction <= 0))
        {
            Deny(s, RiskDenyReason.InvalidSignal, 0, entry, stopDistance, 0, now);
            return;
        }

        if (!_rate.Allows(now))
        {
            Deny(s, RiskDenyReason.OrderRateLimit, 0, entry, _options.MaxOrdersPerSecond, _options.MaxOrdersPerSecond, now);
            return;
        }

        var instrument = instruments[s.SymbolId];
        var volume = PositionSizer.Size(instrument, _account.Converter, _account.EquityMicros, _options.RiskPerTradePercent, stopDistance);
        if (volume == 0)
        {
            Deny(s, RiskDenyReason.SizeBelowMinimum, 0, entry, stopDistance, 0, now);
            return;
        }

        if (!WithinExposure(s, instrument, volume, entry, now) || !WithinCorrelation(s, volume, entry, now))
        {
            return;
        }

        var tradeRisk = _account.Converter.ValueMicros(s.SymbolId, stopDistance, volume)
            + (2 * _commissionPerLotMicros * volume / Price.PowerOfTen(instrument.VolumeDigits));
        var worst = WorstCaseMicros() + tradeRisk;
        var todayLoss = DayStartBalanceMicros - _account.EquityMicros;
        if (todayLoss + worst > _dailyLimit - _margin)
        {
            Deny(s, RiskDenyReason.DailyLossMargin, volume, entry, todayLoss + worst, _dailyLimit - _margin, now);
            return;
        }

        var floorRoom = _account.EquityMicros - MaxLossFloorMicros;
        if (worst > floorRoom - _margin)
        {
            Deny(s, RiskDenyReason.MaxLossMargin, volume, entry, worst, floorRoom - _margin, now);
            return;
        }

        _rate.Record(now);
        ref var order = ref _orders.Claim();
        order.Kind = OrderRequestKind.Open;
        order.Type = OrderType.Market;
        if (s.IsLimit)
        {
            var market = s.Direction > 0 ? _account.Converter.Ask(s.SymbolId) : _account.Converter.Bid(s.SymbolId);

            // An entry on the far side of the market is a stop entry, not a limit.
            order.Type = (s.Entry - market) * s.Direction > 0 ? OrderType.Stop : OrderType.Limit;
        }

        order.Side = s.Direction;
        order.SymbolId = s.SymbolId;
        order.TimeNs = now;
        order.SignalId = s.Id;
        order.SignalTimeNs = s.TimeNs;
        order.CausationId = s.Id;
        order.Volume = volume;
        order.Price = entry;
        order.StopLoss = s.StopLoss;
        order.TakeProfit = s.TakeProfit;
        order.ExpiresAtNs = s.ExpiresAtNs;
        _orders.Publish();
        _orderCount++;

        ref var d = ref Journal(DecisionType.RiskApproved, s.SymbolId, now, s.Id, s.Id);
        d.Code = 0;
        d.Ref0 = s.Setup;
        d.Ref1 = s.Direction;
        d.Ref2 = (long)order.Type;
        d.A = volume;
        d.B = entry;
        d.C = s.StopLoss;
        d.D = s.TakeProfit;
        d.E = tradeRisk;
        d.F = _account.EquityMicros;
        _decisions.Publish();
    }

    private bool WithinExposure(in Signal s, Instrument instrument, long volume, long entry, long now)
    {
        var scale = Price.PowerOfTen(instrument.VolumeDigits);
        var open = _account.OpenCount(-1) + _account.Orders.PendingEntryCount(-1);
        if (open >= _options.MaxOpenPositions)
        {
            Deny(s, RiskDenyReason.MaxOpenPositions, volume, entry, open, _options.MaxOpenPositions, now);
            return false;
        }

        var onSymbol = _account.OpenCount(s.SymbolId) + _account.Orders.PendingEntryCount(s.SymbolId);
        if (onSymbol >= _options.MaxPositionsPerSymbol)
        {
            Deny(s, RiskDenyReason.MaxPositionsPerSymbol, volume, entry, onSymbol, _options.MaxPositionsPerSymbol, now);
            return false;
        }

        var symbolVolume = _account.OpenVolume(s.SymbolId) + _account.Orders.PendingEntryVolume(s.SymbolId) + volume;
        var symbolMax = (long)(_options.MaxLotsPerSymbol * scale);
        if (symbolVolume > symbolMax)
        {
            Deny(s, RiskDenyReason.MaxVolumePerSymbol, volume, entry, symbolVolume, symbolMax, now);
            return false;
        }

        // Total volume is summed in hundredths of a lot across symbols whatever their volume digits.
        var total = ToCentiLots(volume, instrument.VolumeDigits);
        foreach (ref readonly var p in _account.Positions)
        {
            total += ToCentiLots(p.Volume, _account.Instruments[p.SymbolId].VolumeDigits);
        }

        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.IsActive && !o.IsClose)
            {
                total += ToCentiLots(o.Volume - o.FilledVolume, _account.Instruments[o.SymbolId].VolumeDigits);
            }
        }

        var totalMax = (long)(_options.MaxTotalLots * 100);
        if (total > totalMax)
        {
            Deny(s, RiskDenyReason.MaxTotalVolume, volume, entry, total, totalMax, now);
            return false;
        }

        return true;
    }

    private bool WithinCorrelation(in Signal s, long volume, long entry, long now)
    {
        var correlated = 0;
        var strongest = 0.0;
        foreach (ref readonly var p in _account.Positions)
        {
            CountCorrelated(s.SymbolId, s.Direction, p.SymbolId, p.Side, ref correlated, ref strongest);
        }

        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.IsActive && !o.IsClose)
            {
                CountCorrelated(s.SymbolId, s.Direction, o.SymbolId, o.Side, ref correlated, ref strongest);
            }
        }

        if (correlated < _options.MaxCorrelatedPositions)
        {
            return true;
        }

        Deny(s, RiskDenyReason.Correlated, volume, entry, (long)(strongest * 1_000_000), correlated, now);
        return false;
    }

    private void CountCorrelated(int symbolId, int direction, int otherSymbolId, int otherSide, ref int correlated, ref double strongest)
    {
        if (otherSymbolId == symbolId)
        {
            return;
        }

        var c = _correlation.Correlation(symbolId, otherSymbolId, _options.CorrelationMinBars);
        if (double.IsNaN(c) || Math.Abs(c) < _options.CorrelationThreshold)
        {
            return;
        }

        // Positive correlation: the same direction is the same bet; negative: the opposite direction is.
        if (Math.Sign(c) * otherSide == direction)
        {
            correlated++;
            strongest = Math.Abs(c) > Math.Abs(strongest) ? c : strongest;
        }
    }

    /// <summary>Further loss if every open position and working entry hit its stop, plus exit commissions.</summary>
    private long WorstCaseMicros()
    {
        long worst = 0;
        var converter = _account.Converter;
        foreach (ref readonly var p in _account.Positions)
        {
            var exit = p.Side > 0 ? converter.Bid(p.SymbolId) : converter.Ask(p.SymbolId);
            var toStop = p.StopLoss == 0 ? exit : (exit - p.StopLoss) * p.Side;
            worst += Math.Max(0, converter.ValueMicros(p.SymbolId, toStop, p.Volume))
                + (_commissionPerLotMicros * p.Volume / Price.PowerOfTen(_account.Instruments[p.SymbolId].VolumeDigits));
        }

        foreach (ref readonly var o in _account.Orders.All)
        {
            if (o.IsActive && !o.IsClose)
            {
                var remaining = o.Volume - o.FilledVolume;
                var toStop = o.StopLoss == 0 ? o.Price : (o.Price - o.StopLoss) * o.Side;
                worst += Math.Max(0, converter.ValueMicros(o.SymbolId, toStop, remaining))
                    + (2 * _commissionPerLotMicros * remaining / Price.PowerOfTen(_account.Instruments[o.SymbolId].VolumeDigits));
            }
        }

        return worst;
    }

    private void ReduceOrDeny(in Signal s, long now)
    {
        foreach (ref readonly var p in _account.Positions)
        {
            if (p.SymbolId == s.SymbolId && p.Side == -s.Direction)
            {
                ref var order = ref _orders.Claim();
                order.Kind = OrderRequestKind.Close;
                order.SymbolId = s.SymbolId;
                order.PositionId = p.Id;
                order.TimeNs = now;
                order.SignalId = s.Id;
                order.SignalTimeNs = s.TimeNs;
                order.CausationId = s.Id;
                order.Reason = (int)CloseReason.Manual;
                _orders.Publish();
                _orderCount++;
                ref var d = ref Journal(DecisionType.RiskApproved, s.SymbolId, now, s.Id, s.Id);
                d.Code = 1;
                d.Ref0 = s.Setup;
                d.Ref1 = s.Direction;
                d.Ref2 = p.Id;
                d.A = p.Volume;
                d.F = _account.EquityMicros;
                _decisions.Publish();
                return;
            }
        }

        Deny(s, RiskDenyReason.Reducing, 0, 0, 0, 0, now);
    }

    private void Deny(in Signal s, RiskDenyReason reason, long volume, long entry, long value, long limit, long now)
    {
        ref var d = ref Journal(DecisionType.RiskDenied, s.SymbolId, now, s.Id, s.Id);
        d.Code = (int)reason;
        d.Ref0 = s.Setup;
        d.Ref1 = s.Direction;
        d.A = volume;
        d.B = entry;
        d.C = s.StopLoss;
        d.D = s.TakeProfit;
        d.E = value;
        d.F = limit;
        _decisions.Publish();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Decision Journal(DecisionType type, int symbolId, long timeNs, long id, long causationId)
    {
        ref var d = ref _decisions.Claim();
        d.Type = type;
        d.SymbolId = symbolId;
        d.TimeNs = timeNs;
        d.Id = id;
        d.CorrelationId = type is DecisionType.RiskApproved or DecisionType.RiskDenied ? id : causationId;
        d.CausationId = causationId;
        return ref d;
    }

    private static long ToCentiLots(long volume, int volumeDigits) =>
        volumeDigits >= 2 ? volume / Price.PowerOfTen(volumeDigits - 2) : volume * Price.PowerOfTen(2 - volumeDigits);

    private static long Percent(long micros, decimal percent) => (long)(micros * percent / 100m);
}
