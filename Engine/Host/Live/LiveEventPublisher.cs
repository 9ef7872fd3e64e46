using System.Diagnostics;
using System.Runtime.CompilerServices;
using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Replay;
using IctEngine.Ticks;

namespace IctEngine.Host.Live;

/// <summary>
/// What the bridge feed publishes into, for <c>ict run</c>: every received tick is appended to its symbol's native
/// tick recording (so the day can be replayed) and published into the pipeline; broker reports are translated into
/// engine ids by the <see cref="Mt5Broker"/> and published. Called on the feed's session thread only (one at a time),
/// which is also the only thread touching the recorders, so they need no lock; they are flushed from here about once
/// a second. Remembers the last tick's time and when it arrived, for the bar-closing timer. Nothing allocates per tick.
/// </summary>
public sealed class LiveEventPublisher : IEventPublisher
{
    private static readonly long FlushIntervalTicks = Stopwatch.Frequency;

    private readonly TradingPipeline _pipeline;
    private readonly Mt5Broker _broker;
    private readonly TickStoreWriter?[] _recorders;
    private long _lastFlush;
    private long _lastTickNs;
    private long _lastTickArrived;
    private long _ticks;
    private long _reports;
    private volatile bool _reconcileBeforeNextTick;

    /// <param name="pipeline">Where ticks and reports go.</param>
    /// <param name="broker">Translates reports into engine ids.</param>
    /// <param name="recorders">Per instrument id, its recording (null: not recorded).</param>
    public LiveEventPublisher(TradingPipeline pipeline, Mt5Broker broker, TickStoreWriter?[] recorders)
    {
        _pipeline = pipeline;
        _broker = broker;
        _recorders = recorders;
        _lastFlush = Stopwatch.GetTimestamp();
    }

    /// <summary>Ticks published into the pipeline.</summary>
    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Broker reports published into the pipeline.</summary>
    public long Reports => Volatile.Read(ref _reports);

    /// <summary>
    /// Publishes the reconciliation marker (a broker report of type None) before the next tick. The terminal sends its
    /// positions, orders and account right after the handshake and streams ticks only after that, so at the first tick
    /// the ring already holds the whole snapshot and the marker lands after it, before anything trades on the tick.
    /// </summary>
    public void ReconcileBeforeNextTick() => _reconcileBeforeNextTick = true;

    /// <summary>
    /// True from a session's start until its reconciliation marker is published: the bar-closing timer holds back
    /// meanwhile, so no timer event can trade on unreconciled state ahead of the marker.
    /// </summary>
    public bool ReconciliationPending => _reconcileBeforeNextTick;

    /// <summary>
    /// Every session (the first, and each reconnect) is reconciled: the broker's mirror is emptied for the session's
    /// snapshot and a marker is published before the session's first tick.
    /// </summary>
    public void SessionStarted()
    {
        _broker.BeginSession();
        ReconcileBeforeNextTick();
    }

    public void PublishTick(in Tick tick)
    {
        if (_reconcileBeforeNextTick)
        {
            PublishReconciliationMarker(tick.TimeNs);
        }

        var recorder = (uint)tick.SymbolId < (uint)_recorders.Length ? _recorders[tick.SymbolId] : null;
        recorder?.Append(in tick);
        _pipeline.PublishTick(in tick);
        var now = Stopwatch.GetTimestamp();
        Volatile.Write(ref _lastTickNs, tick.TimeNs);
        Volatile.Write(ref _lastTickArrived, now);
        Interlocked.Increment(ref _ticks);
        if (now - _lastFlush > FlushIntervalTicks)
        {
            _lastFlush = now;
            FlushRecorders();
        }
    }

    public void PublishReport(in BrokerReport report)
    {
        var translated = report;
        if (!_broker.Translate(ref translated) || (report.Type == BrokerReportType.AccountState && _reconcileBeforeNextTick))
        {
            // A session's account reports before its reconciliation marker belong to its snapshot: the marker carries
            // the last of them (the broker's mirror keeps it). In the ring they would let execution adopt the balance
            // ahead of the position reconciliation.
            return;
        }

        _pipeline.PublishReport(in translated);
        Interlocked.Increment(ref _reports);
    }

    /// <summary>
    /// The snapshot is captured here, on the thread that translates every report, and travels with the marker: the
    /// reconciler compares execution's state at the marker with the terminal's at the marker. Reading the broker's live
    /// mirror when execution reaches the marker would also see reports published after it (a fill, then its position),
    /// which execution applies after reconciling: the position would be adopted and then filled again.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishReconciliationMarker(long timeNs)
    {
        _reconcileBeforeNextTick = false;
        var snapshot = _broker.CaptureSnapshot();
        _pipeline.PublishReport(new BrokerReport { Type = BrokerReportType.None, SymbolId = -1, TimeNs = timeNs, BrokerOrderId = snapshot });
    }

    /// <summary>
    /// Market time now as the feed sees it: the last tick's time plus the wall time since it arrived; 0 before the
    /// first tick. The timer uses it so bars close on time without a tick, and never ahead of an accelerated feed.
    /// </summary>
    public long MarketTimeNs()
    {
        var arrived = Volatile.Read(ref _lastTickArrived);
        var last = Volatile.Read(ref _lastTickNs);
        return last == 0 ? 0 : last + (long)Stopwatch.GetElapsedTime(arrived).TotalNanoseconds;
    }

    /// <summary>Writes the recordings' pending ticks; call only when no session is running (shutdown).</summary>
    public void FlushRecorders()
    {
        foreach (var recorder in _recorders)
        {
            recorder?.Flush();
        }
    }
}
