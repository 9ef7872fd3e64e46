using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using IctEngine.Core;
using IctEngine.Ticks;
using Serilog;

namespace IctEngine.Bridge;

/// <summary>
/// Plays the MT5 EA's side of the bridge from recorded ticks: connects to the engine (reconnecting with backoff like
/// the EA), authenticates, announces one symbol and the account, streams ticks from the cursor the engine asks for
/// (which is how gap backfill after a reconnect is exercised), and fills orders like a simple broker (market buys at
/// the ask, sells at the bid; pending orders and SL/TP trigger on later ticks; no slippage, no commission). It reports
/// like the protocol 3 EA: a command's fill in its OrderResult; a deal the terminal makes by itself (pending fill,
/// stop-loss or take-profit exit) as a Deal with its reason, before the position and order state it changed.
/// "Market time" runs from the first tick at <see cref="TerminalSimulatorOptions.Speed"/> times real time from the
/// first session and keeps running while disconnected, so a cut creates a real gap. <see cref="Cut"/> and
/// <see cref="Restore"/> drop and re-allow the connection. Not a hot-path component.
/// </summary>
public sealed class TerminalSimulator : IDisposable
{
    private const uint RetDone = 10009;
    private const uint RetPlaced = 10008;
    private const uint RetInvalid = 10013;
    private const int MaxTicksPerBurst = 512;

    private static readonly ILogger Logger = Log.ForContext<TerminalSimulator>();

    private readonly TerminalSimulatorOptions _options;
    private readonly Tick[] _ticks;
    private readonly int _length;
    private readonly long _repeatShiftNs;
    private readonly BridgeAuthenticator _authenticator;
    private readonly Dictionary<ulong, SimulatedPosition> _positions = [];
    private readonly Dictionary<ulong, SimulatedOrder> _orders = [];
    private readonly Lock _connectionLock = new();
    private readonly ConcurrentQueue<double> _pendingBalanceAdjustments = new();
    private readonly byte[] _burst = new byte[MaxTicksPerBurst * (BridgeProtocol.HeaderSize + BridgeProtocol.TickPayload)];
    private Thread? _thread;
    private BridgeConnection? _connection;
    private volatile bool _stopping;
    private volatile bool _suspended;
    private volatile bool _inSession;
    private long _marketStartedAt = -1;
    private long _pausedAt = -1;
    private int _marketIndex;
    private int _cursor;
    private bool _streaming;
    private ulong _nextTicket = 1000;
    private double _balance;
    private long _ticksSent;
    private long _sessions;

    public TerminalSimulator(TerminalSimulatorOptions options, Tick[] ticks)
    {
        _options = options;
        _ticks = ticks;
        _repeatShiftNs = RepeatShiftNs(ticks);
        var repeat = options.Repeat <= 0 ? int.MaxValue : options.Repeat;
        _length = ticks.Length == 0 ? 0 : (int)Math.Min((long)ticks.Length * repeat, int.MaxValue);
        _authenticator = new BridgeAuthenticator(options.Secret);
        _balance = options.Balance;
    }

    /// <summary>Reads the ticks to play with the engine's own readers (any supported format, files or folders).</summary>
    public static Tick[] ReadTicks(IReadOnlyList<string> paths, Instrument instrument, TickFormat? format = null)
    {
        using var reader = TickSources.Open(paths, format, instrument);
        var ticks = new List<Tick>();
        var buffer = new Tick[8192];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            ticks.AddRange(buffer.AsSpan(0, n));
        }

        return [.. ticks];
    }

    public bool IsConnected => _connection is { IsClosed: false };

    /// <summary>Tick frames sent, resends after a backfill included.</summary>
    public long TicksSent => Interlocked.Read(ref _ticksSent);

    /// <summary>Sessions that completed the handshake.</summary>
    public long Sessions => Interlocked.Read(ref _sessions);

    /// <summary>True once every recorded tick has been sent in the current stream.</summary>
    public bool Finished => Volatile.Read(ref _cursor) >= _length;

    /// <summary>The last handshake or connection failure, if any.</summary>
    public string? LastError { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "terminal-sim" };
        _thread.Start();
    }

    public void Stop()
    {
        _stopping = true;
        DropConnection();
        _thread?.Join(3000);
    }

    public void Dispose() => Stop();

    /// <summary>Drops the connection and stays disconnected until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _suspended = true;
        DropConnection();
        Logger.Information("Terminal simulator: connection cut");
    }

    /// <summary>Lets the simulator reconnect.</summary>
    public void Restore()
    {
        _suspended = false;
        Logger.Information("Terminal simulator: connection restored");
    }

    /// <summary>Stops market time (no tick happens, nothing triggers) until <see cref="Resume"/>; e.g. across an engine restart.</summary>
    public void Pause()
    {
        if (_pausedAt < 0)
        {
            _pausedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Lets market time run again from where <see cref="Pause"/> stopped it.</summary>
    public void Resume()
    {
        if (_pausedAt >= 0)
        {
            if (_marketStartedAt >= 0)
            {
                _marketStartedAt += Stopwatch.GetTimestamp() - _pausedAt;
            }

            _pausedAt = -1;
        }
    }

    /// <summary>
    /// True while the simulator's thread serves a connection. After <see cref="Cut"/> it turns false once the thread has
    /// left the session; only then may the terminal's state be changed "by hand" (the methods below).
    /// </summary>
    public bool InSession => _inSession;

    /// <summary>The account balance (read while cut for an exact answer).</summary>
    public double Balance => _balance;

    /// <summary>Working pending orders: tickets and client order ids (call while cut).</summary>
    public IReadOnlyList<(ulong Ticket, long ClientOrderId)> Orders() =>
        [.. _orders.Values.Select(o => (o.Ticket, o.ClientOrderId))];

    /// <summary>
    /// Closes a position at the current price while the bridge is down (a stop hit, or the trader closing it in the
    /// terminal): its profit goes to the balance and nothing is reported; the next session's snapshot no longer
    /// lists it. Only while cut (<see cref="InSession"/> false).
    /// </summary>
    public void ClosePositionWhileCut(ulong ticket)
    {
        EnsureCut();
        var position = _positions[ticket];
        var price = position.Side > 0 ? Bid : Ask;
        _balance += (price - position.PriceOpen) * position.Side * position.Volume * _options.ContractSize;
        _positions.Remove(ticket);
    }

    /// <summary>Places a pending order by hand (no client order id) while cut; returns its ticket.</summary>
    public ulong PlacePendingOrderWhileCut(sbyte side, BridgePendingKind kind, double volume, double price)
    {
        EnsureCut();
        var order = new SimulatedOrder(_nextTicket++, 0, side, kind, volume, price, 0, 0);
        _orders[order.Ticket] = order;
        return order.Ticket;
    }

    /// <summary>Cancels a pending order while cut (nothing is reported).</summary>
    public void CancelOrderWhileCut(ulong ticket)
    {
        EnsureCut();
        _orders.Remove(ticket);
    }

    /// <summary>
    /// Fills a pending order at its price while cut: the position takes the order's ticket and client order id, as
    /// MT5 names a position after the order that opened it. Nothing is reported.
    /// </summary>
    public void FillOrderWhileCut(ulong ticket)
    {
        EnsureCut();
        _orders.Remove(ticket, out var order);
        _positions[ticket] = new SimulatedPosition(ticket, order!.ClientOrderId, order.Side, order.Volume, order.Price, order.StopLoss, order.TakeProfit);
    }

    /// <summary>
    /// Books an amount to the balance while the bridge stays up (a deposit, withdrawal, swap or charge), as a broker
    /// does: nothing but the next AccountState reports it. Any thread; applied on the simulator's thread.
    /// </summary>
    public void AdjustBalance(double amount) => _pendingBalanceAdjustments.Enqueue(amount);

    private bool ApplyBalanceAdjustments()
    {
        var any = false;
        while (_pendingBalanceAdjustments.TryDequeue(out var amount))
        {
            _balance += amount;
            any = true;
        }

        return any;
    }

    /// <summary>Books an amount to the balance while cut: a swap, a commission, a deposit or withdrawal.</summary>
    public void AdjustBalanceWhileCut(double amount)
    {
        EnsureCut();
        _balance += amount;
    }

    /// <summary>Open positions (read while cut for an exact answer).</summary>
    public int PositionCount => _positions.Count;

    /// <summary>Open position tickets and their client order ids (call while cut).</summary>
    public IReadOnlyList<(ulong Ticket, long ClientOrderId, double Volume)> Positions() =>
        [.. _positions.Values.Select(p => (p.Ticket, p.ClientOrderId, p.Volume))];

    /// <summary>
    /// Opens a position "by hand" (no client order id, as a trader would from the terminal) at the current price;
    /// call only while cut. Returns its ticket.
    /// </summary>
    public ulong OpenManualPosition(sbyte side, double volume)
    {
        var position = new SimulatedPosition(_nextTicket++, 0, side, volume, side > 0 ? Ask : Bid, 0, 0);
        _positions[position.Ticket] = position;
        return position.Ticket;
    }

    private void EnsureCut()
    {
        if (!_suspended || _inSession)
        {
            throw new InvalidOperationException("Change the terminal's state only while cut (after Cut(), once InSession is false).");
        }
    }

    private void DropConnection()
    {
        lock (_connectionLock)
        {
            _connection?.Close();
        }
    }

    private void Run()
    {
        var delay = _options.ReconnectDelayMs;
        while (!_stopping)
        {
            if (_suspended)
            {
                Thread.Sleep(10);
                continue;
            }

            _inSession = true;
            string? failure;
            try
            {
                // Cut() may have come between the check above and here: a cut simulator must not connect.
                failure = _suspended ? null : RunSession();
            }
            finally
            {
                _inSession = false;
            }

            if (_stopping)
            {
                break;
            }

            if (failure != null)
            {
                LastError = failure;
                Logger.Warning("Terminal simulator: {Failure}; retrying in {Delay} ms", failure, delay);
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, _options.MaxReconnectDelayMs);
            }
            else
            {
                delay = _options.ReconnectDelayMs;
            }
        }
    }

    /// <summary>One connection's life; returns null when it ended normally (cut, closed by the engine) or the failure.</summary>
    private string? RunSession()
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(_options.Host, _options.Port);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return $"cannot connect to {_options.Host}:{_options.Port}: {e.SocketErrorCode}";
        }

        var connection = new BridgeConnection(socket);
        lock (_connectionLock)
        {
            _connection = connection;
        }

        var failure = BridgeHandshake.Connect(connection, _authenticator, _options.ClientName, 5000, out _);
        if (failure != null)
        {
            connection.Close();
            return failure;
        }

        Interlocked.Increment(ref _sessions);
        if (_marketStartedAt < 0)
        {
            _marketStartedAt = Stopwatch.GetTimestamp();
        }

        _streaming = false;
        SendSnapshot(connection);
        var lastSend = Environment.TickCount64;
        var lastAccount = lastSend;
        uint heartbeat = 0;
        while (!connection.IsClosed && !_stopping)
        {
            if (!HandleIncoming(connection))
            {
                break;
            }

            AdvanceMarket(connection);
            var sent = _streaming ? SendTicks(connection) : 0;
            var now = Environment.TickCount64;
            if (now - lastAccount >= _options.AccountIntervalMs || ApplyBalanceAdjustments())
            {
                // Like the EA's timer: the account every second (and at once when the balance was booked to).
                SendAccount(connection);
                lastAccount = now;
            }

            if (sent > 0)
            {
                lastSend = now;
            }
            else if (now - lastSend >= _options.HeartbeatMs)
            {
                connection.SendHeartbeat(new HeartbeatMessage { TimeMs = CurrentTimeMs(), Sequence = ++heartbeat });
                lastSend = now;
            }
        }

        connection.Close();
        return null;
    }

    private void SendSnapshot(BridgeConnection connection)
    {
        connection.SendSymbolSpec(new SymbolSpecMessage
        {
            Symbol = 0,
            Name = _options.Symbol,
            Digits = _options.Digits,
            Point = 1d / Price.PowerOfTen(_options.Digits),
            TickSize = 1d / Price.PowerOfTen(_options.Digits),
            TickValue = _options.TickValue,
            ContractSize = _options.ContractSize,
            VolumeMin = 0.01,
            VolumeStep = 0.01,
            VolumeMax = 100,
        });
        SendAccount(connection);
        foreach (var position in _positions.Values)
        {
            connection.SendPositionState(position.State(CurrentTimeMs(), 0));
        }

        foreach (var order in _orders.Values)
        {
            connection.SendOrderState(order.State(CurrentTimeMs()));
        }
    }

    /// <summary>Processes what the engine sent; false when the session must end.</summary>
    private bool HandleIncoming(BridgeConnection connection)
    {
        // Wait a little only when there is nothing to stream, so an idle simulator does not spin.
        var wait = _streaming && _cursor < _marketIndex ? 0 : 5;
        for (var i = 0; i < 64; i++)
        {
            var status = connection.ReadFrame(i == 0 ? wait : 0, out var type, out var payload, out var error);
            switch (status)
            {
                case FrameReadStatus.TimedOut:
                    return true;
                case FrameReadStatus.Frame:
                    Handle(connection, type, payload);
                    break;
                case FrameReadStatus.Malformed:
                    Logger.Warning("Terminal simulator: malformed frame from the engine: {Error}", error);
                    return false;
                default:
                    return false;
            }
        }

        return true;
    }

    private void Handle(BridgeConnection connection, BridgeMessageType type, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case BridgeMessageType.StreamFrom when BridgeCodec.TryReadStreamFrom(payload, out var from):
                Rewind(from);
                break;
            case BridgeMessageType.OrderCommand when BridgeCodec.TryReadOrderCommand(payload, out var command):
                Execute(connection, command);
                break;
            case BridgeMessageType.Error when BridgeCodec.TryReadError(payload, out var error):
                Logger.Warning("Terminal simulator: engine error {Code}: {Text}", error!.Code, error.Text);
                break;
            case BridgeMessageType.Heartbeat:
                break;
            default:
                Logger.Warning("Terminal simulator: unexpected frame type {Type} ({Length} bytes)", (byte)type, payload.Length);
                break;
        }
    }

    private void Rewind(in StreamFromMessage from)
    {
        int index;
        if (from.FromMs == 0)
        {
            index = _marketIndex;
        }
        else
        {
            var fromNs = from.FromMs * Timestamp.NanosPerMillisecond;
            index = LowerBound(fromNs);
            var skip = from.Skip;
            while (skip > 0 && index < _length && TickAt(index).TimeNs == fromNs)
            {
                index++;
                skip--;
            }
        }

        Logger.Information("Terminal simulator: streaming from tick {Index} of {Count} (requested {From} ms, skip {Skip})", index, _length, from.FromMs, from.Skip);
        Volatile.Write(ref _cursor, index);
        _streaming = true;
    }

    private int LowerBound(long timeNs)
    {
        int lo = 0, hi = _length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (TickAt(mid).TimeNs < timeNs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void AdvanceMarket(BridgeConnection connection)
    {
        if (_length == 0)
        {
            return;
        }

        if (_pausedAt >= 0)
        {
            return;
        }

        var target = _length;
        if (_options.Speed > 0)
        {
            var elapsedMs = Stopwatch.GetElapsedTime(_marketStartedAt).TotalMilliseconds * _options.Speed;
            var marketNs = TickAt(0).TimeNs + (long)(elapsedMs * Timestamp.NanosPerMillisecond);
            target = _marketIndex;
            while (target < _length && TickAt(target).TimeNs <= marketNs)
            {
                target++;
            }
        }

        while (_marketIndex < target)
        {
            _marketIndex++;
            if (_orders.Count > 0 || _positions.Count > 0)
            {
                TriggerOrders(connection);
            }
        }
    }

    private int SendTicks(BridgeConnection connection)
    {
        // One send per burst, like the EA's one SocketSend per timer call; the cursor moves only once it went out.
        var end = Math.Min(_marketIndex, _cursor + MaxTicksPerBurst);
        var length = 0;
        for (var i = _cursor; i < end; i++)
        {
            var t = TickAt(i);
            var message = new TickMessage
            {
                Symbol = 0,
                Flags = TickFlags.Bid | TickFlags.Ask,
                TimeMs = t.TimeNs / Timestamp.NanosPerMillisecond,
                Bid = BridgePriceConverter.ToDouble(t.Bid, _options.Digits),
                Ask = BridgePriceConverter.ToDouble(t.Ask, _options.Digits),
            };
            length += BridgeCodec.WriteTick(_burst.AsSpan(length), message);
        }

        var count = end - _cursor;
        if (count <= 0 || !connection.Send(_burst.AsSpan(0, length)))
        {
            return 0;
        }

        Volatile.Write(ref _cursor, end);
        Interlocked.Add(ref _ticksSent, count);
        return count;
    }

    /// <summary>
    /// The tick at a position of the played sequence: the recording repeated <see cref="TerminalSimulatorOptions.Repeat"/>
    /// times, each pass shifted by whole weeks (so weekdays, sessions and weekends stay where they were and time stays
    /// monotonic); prices are the recorded ones.
    /// </summary>
    private Tick TickAt(int index)
    {
        if (index < _ticks.Length)
        {
            return _ticks[index];
        }

        var tick = _ticks[index % _ticks.Length];
        tick.TimeNs += index / _ticks.Length * _repeatShiftNs;
        return tick;
    }

    /// <summary>The smallest whole number of weeks longer than the recording.</summary>
    private static long RepeatShiftNs(Tick[] ticks)
    {
        const long week = 7 * 86_400 * Timestamp.NanosPerSecond;
        return ticks.Length == 0 ? week : ((ticks[^1].TimeNs - ticks[0].TimeNs) / week + 1) * week;
    }

    private long CurrentTimeMs() =>
        _marketIndex == 0 ? 0 : TickAt(_marketIndex - 1).TimeNs / Timestamp.NanosPerMillisecond;

    private double Bid => _marketIndex == 0 ? 0 : BridgePriceConverter.ToDouble(TickAt(_marketIndex - 1).Bid, _options.Digits);

    private double Ask => _marketIndex == 0 ? 0 : BridgePriceConverter.ToDouble(TickAt(_marketIndex - 1).Ask, _options.Digits);

    private void Execute(BridgeConnection connection, in OrderCommandMessage c)
    {
        var result = new OrderResultMessage
        {
            ClientOrderId = c.ClientOrderId,
            Symbol = c.Symbol,
            Side = c.Side,
            TimeMs = CurrentTimeMs(),
            RetCode = RetInvalid,
            Status = BridgeOrderStatus.Rejected,
        };
        switch (c.Action)
        {
            case BridgeOrderAction.Market when c.Symbol == 0 && c.Volume > 0 && c.Side is 1 or -1 && _marketIndex > 0:
            {
                var position = new SimulatedPosition(_nextTicket++, c.ClientOrderId, c.Side, c.Volume, c.Side > 0 ? Ask : Bid, c.StopLoss, c.TakeProfit);
                _positions[position.Ticket] = position;
                connection.SendOrderResult(Filled(result, position.Ticket, position.Ticket, c.Volume, position.PriceOpen, c.StopLoss, c.TakeProfit));
                connection.SendPositionState(position.State(CurrentTimeMs(), 0));
                return;
            }

            case BridgeOrderAction.Pending when c.Symbol == 0 && c.Volume > 0 && c.Side is 1 or -1 && c.Price > 0 && c.PendingKind != BridgePendingKind.None:
            {
                var order = new SimulatedOrder(_nextTicket++, c.ClientOrderId, c.Side, c.PendingKind, c.Volume, c.Price, c.StopLoss, c.TakeProfit) { ExpiryMs = c.ExpiryMs };
                _orders[order.Ticket] = order;
                result.Status = BridgeOrderStatus.Accepted;
                result.RetCode = RetPlaced;
                result.OrderTicket = order.Ticket;
                result.Volume = c.Volume;
                result.Price = c.Price;
                connection.SendOrderResult(result);
                connection.SendOrderState(order.State(CurrentTimeMs()));
                return;
            }

            case BridgeOrderAction.Close when _positions.TryGetValue(c.Ticket, out var position):
                ClosePosition(connection, position, c.ClientOrderId, c.Volume, BridgeDealReason.Expert);
                return;

            case BridgeOrderAction.Modify when _positions.TryGetValue(c.Ticket, out var position):
                position.StopLoss = c.StopLoss;
                position.TakeProfit = c.TakeProfit;
                result.Status = BridgeOrderStatus.Modified;
                result.RetCode = RetDone;
                result.PositionTicket = position.Ticket;
                result.StopLoss = c.StopLoss;
                result.TakeProfit = c.TakeProfit;
                connection.SendOrderResult(result);
                connection.SendPositionState(position.State(CurrentTimeMs(), 0));
                return;

            case BridgeOrderAction.Modify when _orders.TryGetValue(c.Ticket, out var order):
                order.StopLoss = c.StopLoss;
                order.TakeProfit = c.TakeProfit;
                result.Status = BridgeOrderStatus.Modified;
                result.RetCode = RetDone;
                result.OrderTicket = order.Ticket;
                connection.SendOrderResult(result);
                connection.SendOrderState(order.State(CurrentTimeMs()));
                return;

            case BridgeOrderAction.Cancel when _orders.Remove(c.Ticket, out var order):
                result.Status = BridgeOrderStatus.Cancelled;
                result.RetCode = RetDone;
                result.OrderTicket = order.Ticket;
                connection.SendOrderResult(result);
                order.Kind = BridgePendingKind.None;
                connection.SendOrderState(order.State(CurrentTimeMs()));
                return;
        }

        connection.SendOrderResult(result);
    }

    private static OrderResultMessage Filled(OrderResultMessage result, ulong orderTicket, ulong positionTicket, double volume, double price, double sl, double tp)
    {
        result.Status = BridgeOrderStatus.Filled;
        result.RetCode = RetDone;
        result.OrderTicket = orderTicket;
        result.DealTicket = orderTicket;
        result.PositionTicket = positionTicket;
        result.Volume = volume;
        result.Price = price;
        result.StopLoss = sl;
        result.TakeProfit = tp;
        return result;
    }

    /// <summary>
    /// Closes (part of) a position. Our close command is answered like the EA answers it: the OrderResult of the
    /// command carries the deal. An exit the terminal makes by itself (<paramref name="reason"/> stop-loss or
    /// take-profit) is reported like the EA reports it: a Deal with its reason, then the position's state.
    /// </summary>
    private void ClosePosition(BridgeConnection connection, SimulatedPosition position, long clientOrderId, double volume, BridgeDealReason reason)
    {
        var closeVolume = volume <= 0 || volume >= position.Volume ? position.Volume : volume;
        var price = position.Side > 0 ? Bid : Ask;
        var profit = (price - position.PriceOpen) * position.Side * closeVolume * _options.ContractSize;
        _balance += profit;
        position.Volume -= closeVolume;
        var closed = position.Volume <= 1e-9;
        if (closed)
        {
            _positions.Remove(position.Ticket);
        }

        var state = position.State(CurrentTimeMs(), closed ? (byte)1 : (byte)0);
        if (reason == BridgeDealReason.Expert)
        {
            var result = new OrderResultMessage
            {
                ClientOrderId = clientOrderId,
                Symbol = 0,
                Side = (sbyte)-position.Side,
                TimeMs = CurrentTimeMs(),
            };
            connection.SendOrderResult(Filled(result, _nextTicket++, position.Ticket, closeVolume, price, 0, 0));
            connection.SendPositionState(state);
        }
        else
        {
            var deal = new DealMessage
            {
                DealTicket = _nextTicket++, OrderTicket = _nextTicket++, PositionTicket = position.Ticket, Symbol = 0,
                Side = (sbyte)-position.Side, Entry = BridgeDealEntry.Out, Reason = reason, Volume = closeVolume, Price = price,
                StopLoss = position.StopLoss, TakeProfit = position.TakeProfit, Profit = Math.Round(profit, 2), TimeMs = CurrentTimeMs(),
            };
            SendDealAndState(connection, deal, () => connection.SendPositionState(state));
        }

        SendAccount(connection);
    }

    /// <summary>The EA's order: the deal first, then the state it changed (or the reverse, see <see cref="TerminalSimulatorOptions.StateBeforeDeal"/>).</summary>
    private void SendDealAndState(BridgeConnection connection, in DealMessage deal, Action sendState)
    {
        if (_options.StateBeforeDeal)
        {
            sendState();
            connection.SendDeal(deal);
        }
        else
        {
            connection.SendDeal(deal);
            sendState();
        }
    }

    private void TriggerOrders(BridgeConnection connection)
    {
        double bid = Bid, ask = Ask;
        var nowMs = CurrentTimeMs();
        foreach (var order in _orders.Values.ToArray())
        {
            if (order.ExpiryMs > 0 && nowMs >= order.ExpiryMs)
            {
                // ORDER_TIME_SPECIFIED: the server removes the order at its expiry, before it can fill.
                Expire(connection, order, nowMs);
                continue;
            }

            var price = order.Side > 0 ? ask : bid;
            var hit = (order.Kind, order.Side) switch
            {
                (BridgePendingKind.Limit, > 0) => ask <= order.Price,
                (BridgePendingKind.Stop, > 0) => ask >= order.Price,
                (BridgePendingKind.Limit, < 0) => bid >= order.Price,
                _ => bid <= order.Price,
            };
            if (!hit)
            {
                continue;
            }

            // A pending fill is a deal the server makes later, not the answer to a command: the EA reports it as a Deal
            // (entry in, reason expert: our EA placed the order) under the order's client id, then the order's removal
            // and the new position.
            _orders.Remove(order.Ticket);
            var position = new SimulatedPosition(_nextTicket++, order.ClientOrderId, order.Side, order.Volume, price, order.StopLoss, order.TakeProfit);
            _positions[position.Ticket] = position;
            var deal = new DealMessage
            {
                DealTicket = _nextTicket++, OrderTicket = order.Ticket, PositionTicket = position.Ticket, ClientOrderId = order.ClientOrderId,
                Symbol = 0, Side = order.Side, Entry = BridgeDealEntry.In, Reason = BridgeDealReason.Expert, Volume = order.Volume, Price = price,
                StopLoss = order.StopLoss, TakeProfit = order.TakeProfit, TimeMs = CurrentTimeMs(),
            };
            order.Kind = BridgePendingKind.None;
            SendDealAndState(connection, deal, () =>
            {
                connection.SendOrderState(order.State(CurrentTimeMs()));
                connection.SendPositionState(position.State(CurrentTimeMs(), 0));
            });
        }

        foreach (var position in _positions.Values.ToArray())
        {
            var exit = position.Side > 0 ? bid : ask;
            var stopped = position.StopLoss > 0 && (position.Side > 0 ? exit <= position.StopLoss : exit >= position.StopLoss);
            var target = position.TakeProfit > 0 && (position.Side > 0 ? exit >= position.TakeProfit : exit <= position.TakeProfit);
            if (stopped || target)
            {
                ClosePosition(connection, position, 0, 0, stopped ? BridgeDealReason.StopLoss : BridgeDealReason.TakeProfit);
            }
        }
    }

    private void Expire(BridgeConnection connection, SimulatedOrder order, long nowMs)
    {
        _orders.Remove(order.Ticket);
        connection.SendOrderResult(new OrderResultMessage
        {
            ClientOrderId = order.ClientOrderId, Symbol = 0, Side = order.Side, TimeMs = nowMs,
            Status = BridgeOrderStatus.Expired, RetCode = RetDone, OrderTicket = order.Ticket, Volume = order.Volume, Price = order.Price,
        });
        order.Kind = BridgePendingKind.None;
        connection.SendOrderState(order.State(nowMs));
    }

    private void SendAccount(BridgeConnection connection)
    {
        var floating = 0d;
        foreach (var p in _positions.Values)
        {
            floating += ((p.Side > 0 ? Bid : Ask) - p.PriceOpen) * p.Side * p.Volume * _options.ContractSize;
        }

        connection.SendAccountState(new AccountStateMessage
        {
            TimeMs = CurrentTimeMs(),
            Balance = Math.Round(_balance, 2),
            Equity = Math.Round(_balance + floating, 2),
            Margin = 0,
            FreeMargin = Math.Round(_balance + floating, 2),
        });
    }

    private sealed class SimulatedPosition(ulong ticket, long clientOrderId, sbyte side, double volume, double priceOpen, double stopLoss, double takeProfit)
    {
        public ulong Ticket { get; } = ticket;
        public long ClientOrderId { get; } = clientOrderId;
        public sbyte Side { get; } = side;
        public double Volume { get; set; } = volume;
        public double PriceOpen { get; } = priceOpen;
        public double StopLoss { get; set; } = stopLoss;
        public double TakeProfit { get; set; } = takeProfit;

        public PositionStateMessage State(long timeMs, byte closed) => new()
        {
            Ticket = Ticket,
            ClientOrderId = ClientOrderId,
            Symbol = 0,
            Side = Side,
            Closed = closed,
            Volume = Volume,
            PriceOpen = PriceOpen,
            StopLoss = StopLoss,
            TakeProfit = TakeProfit,
            TimeMs = timeMs,
        };
    }

    private sealed class SimulatedOrder(ulong ticket, long clientOrderId, sbyte side, BridgePendingKind kind, double volume, double price, double stopLoss, double takeProfit)
    {
        public ulong Ticket { get; } = ticket;
        public long ClientOrderId { get; } = clientOrderId;
        public sbyte Side { get; } = side;
        public BridgePendingKind Kind { get; set; } = kind;
        public double Volume { get; } = volume;
        public double Price { get; } = price;
        public double StopLoss { get; set; } = stopLoss;
        public double TakeProfit { get; set; } = takeProfit;

        public long ExpiryMs { get; init; }

        public OrderStateMessage State(long timeMs) => new()
        {
            Ticket = Ticket,
            ClientOrderId = ClientOrderId,
            Symbol = 0,
            Side = Side,
            Kind = Kind,
            Volume = Volume,
            Price = Price,
            StopLoss = StopLoss,
            TakeProfit = TakeProfit,
            TimeMs = timeMs,
        };
    }
}
