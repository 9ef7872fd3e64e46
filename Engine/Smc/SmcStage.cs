using System.Runtime.CompilerServices;
using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Ring;
using IctEngine.Smc.Bars;
using IctEngine.Smc.Strategy;
using IctEngine.Smc.Structure;
using Serilog;

namespace IctEngine.Smc;

/// <summary>
/// The SMC pipeline stage. Per accepted tick it updates the forming bar of the finest timeframe (the only per-tick
/// work; coarser timeframes are built from its closed bars when they nest in it, from ticks otherwise); when bars close (on a later tick, or on a timer event at or after their end) it runs the detectors of that
/// symbol/timeframe and the strategy, queues decisions for the journal and signals for risk, and records their
/// counts in the slot. Single-threaded: one stage thread calls <see cref="OnEvent"/>; no allocation per event.
/// </summary>
public sealed class SmcStage : IEventHandler<EngineEvent>
{
    private static readonly ILogger Logger = Log.ForContext<SmcStage>();

    private readonly SymbolState[] _symbols;
    private readonly DecisionEmitter _emitter;
    private readonly SpscQueue<Signal> _signals;
    private readonly int _triggerSlot;

    /// <summary>True when the timeframes ascend and each is a multiple of the first, which then feeds the others.</summary>
    private bool _derived;
    private int _signalsThisEvent;

    public SmcStage(InstrumentCatalog catalog, SmcOptions options, SpscQueue<Decision> decisions, SpscQueue<Signal> signals)
    {
        options.Validate();
        Options = options;
        Counts = new SmcCounts();
        _emitter = new DecisionEmitter(decisions, Counts);
        _signals = signals;
        var tfs = options.Timeframes;
        _triggerSlot = IndexOf(tfs, options.Strategy.TriggerTimeframeSeconds);
        var biasSlot = IndexOf(tfs, options.Strategy.BiasTimeframeSeconds);
        _derived = NestsInFirst(tfs);
        _symbols = new SymbolState[catalog.Count];
        for (var s = 0; s < catalog.Count; s++)
        {
            var instrument = catalog[s];
            var calendar = new TradingDayCalendar(options.DailyBoundary);
            var state = new SymbolState(tfs.Count);
            for (var k = 0; k < tfs.Count; k++)
            {
                state.Builders[k] = new BarBuilder(tfs[k], calendar);
                state.Series[k] = new SmcSeries(instrument.Id, instrument.Digits, k, tfs[k], options, _emitter);
            }

            state.Finest = state.Builders[0];

            if (options.Strategy.Enabled && _triggerSlot >= 0 && biasSlot >= 0)
            {
                var contextSlot = IndexOf(tfs, options.ContextTimeframeSeconds);
                var killzones = contextSlot >= 0 ? state.Series[contextSlot].Sessions : null;
                state.Strategy = new IctSetupStrategy(instrument, options.Strategy, state.Series[biasSlot], state.Series[_triggerSlot], killzones, signals);
            }

            _symbols[s] = state;
        }

        Logger.Information(
            "SMC stage: {Symbols} symbols, timeframes {Timeframes} s, daily boundary {Boundary}, swings {Short}/{Long}, strategy {Strategy}",
            catalog.Count, string.Join(",", tfs), options.DailyBoundary, options.ShortSwingLength, options.LongSwingLength,
            options.Strategy.Enabled && _triggerSlot >= 0 && biasSlot >= 0 ? "on" : "off");
    }

    public SmcOptions Options { get; }

    /// <summary>
    /// Whether coarser bars are built from the finest timeframe's closed bars (the default when the timeframes nest)
    /// rather than from every tick. Both give the same bars; tests switch it off to prove it. Set before the first event.
    /// </summary>
    internal bool BuildsCoarserBarsFromFinest
    {
        get => _derived;
        set => _derived = value && NestsInFirst(Options.Timeframes);
    }

    /// <summary>Decisions by type and code (structure events, signals) for the replay summary.</summary>
    public SmcCounts Counts { get; }

    /// <summary>Signals raised so far.</summary>
    public long SignalsRaised => Counts.Total(DecisionType.SignalRaised);

    /// <summary>The series of one symbol and timeframe slot (inspection and tests).</summary>
    public SmcSeries Series(int symbolId, int timeframeSlot) => _symbols[symbolId].Series[timeframeSlot];

    public void OnEvent(ref EngineEvent data, long sequence, bool endOfBatch)
    {
        _emitter.Begin(data.TimeNs, sequence);
        _signalsThisEvent = 0;
        if (data.Kind == EngineEventKind.Tick)
        {
            if (data.Reject == RejectReason.None && (uint)data.Tick.SymbolId < (uint)_symbols.Length)
            {
                OnTick(_symbols[data.Tick.SymbolId], data.Tick.TimeNs, data.Tick.Bid);
            }
        }
        else if (data.Kind == EngineEventKind.Timer)
        {
            OnTimer(data.TimeNs);
        }

        data.Decisions[(int)PipelineStage.Smc] = _emitter.Emitted;
        data.SignalCount = _signalsThisEvent;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnTick(SymbolState state, long timeNs, long bid)
    {
        // Only the finest timeframe sees every tick when the others are built from its closed bars, and most ticks
        // just extend its forming bar: that stays inline, without the closed-bar copy the other paths need.
        if (!_derived || !state.Finest.TryExtend(timeNs, bid))
        {
            OnTickSlow(state, timeNs, bid);
        }
    }

    /// <summary>A tick that rolls the finest bar, or any tick when every timeframe is built from ticks.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnTickSlow(SymbolState state, long timeNs, long bid)
    {
        var builders = state.Builders;
        if (_derived)
        {
            if (builders[0].OnTick(timeNs, bid, out var minor))
            {
                OnMinorBarClosed(state, in minor, timeNs);
            }
            else if (builders[0].Current.TickCount == 1)
            {
                // A first tick after a timer closed the finest bar: coarser bars may be due without a bar to fold.
                CloseDueCoarser(state, timeNs, triggerClosed: false);
            }

            return;
        }

        var triggerClosed = false;
        for (var k = 0; k < builders.Length; k++)
        {
            if (builders[k].OnTick(timeNs, bid, out var closed))
            {
                state.Series[k].OnBarClosed(in closed);
                triggerClosed |= k == _triggerSlot;
            }
        }

        if (triggerClosed && state.Strategy is not null)
        {
            _signalsThisEvent += state.Strategy.OnTriggerBar();
        }
    }

    /// <summary>
    /// The finest timeframe closed <paramref name="minor"/> at <paramref name="nowNs"/> (a tick of a later period, or
    /// a timer): runs its detectors, folds it into the coarser timeframes and closes those whose period has ended,
    /// finest first, as building every timeframe from ticks would.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnMinorBarClosed(SymbolState state, in Bar minor, long nowNs)
    {
        var builders = state.Builders;
        state.Series[0].OnBarClosed(in minor);
        var triggerClosed = _triggerSlot == 0;
        for (var k = 1; k < builders.Length; k++)
        {
            if (builders[k].Fold(in minor, out var closed))
            {
                state.Series[k].OnBarClosed(in closed);
                triggerClosed |= k == _triggerSlot;
            }

            if (builders[k].TryCloseDue(nowNs, out closed))
            {
                state.Series[k].OnBarClosed(in closed);
                triggerClosed |= k == _triggerSlot;
            }
        }

        if (triggerClosed && state.Strategy is not null)
        {
            _signalsThisEvent += state.Strategy.OnTriggerBar();
        }
    }

    /// <summary>Closes the coarser timeframes' bars whose period has ended by <paramref name="nowNs"/>, finest first.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CloseDueCoarser(SymbolState state, long nowNs, bool triggerClosed)
    {
        for (var k = 1; k < state.Builders.Length; k++)
        {
            if (state.Builders[k].TryCloseDue(nowNs, out var closed))
            {
                state.Series[k].OnBarClosed(in closed);
                triggerClosed |= k == _triggerSlot;
            }
        }

        if (triggerClosed && state.Strategy is not null)
        {
            _signalsThisEvent += state.Strategy.OnTriggerBar();
        }
    }

    private void OnTimer(long nowNs)
    {
        for (var s = 0; s < _symbols.Length; s++)
        {
            var state = _symbols[s];
            if (_derived)
            {
                if (state.Builders[0].TryCloseDue(nowNs, out var minor))
                {
                    OnMinorBarClosed(state, in minor, nowNs);
                }
                else
                {
                    CloseDueCoarser(state, nowNs, triggerClosed: false);
                }

                continue;
            }

            var triggerClosed = false;
            for (var k = 0; k < state.Builders.Length; k++)
            {
                if (state.Builders[k].TryCloseDue(nowNs, out var closed))
                {
                    state.Series[k].OnBarClosed(in closed);
                    triggerClosed |= k == _triggerSlot;
                }
            }

            if (triggerClosed && state.Strategy is not null)
            {
                _signalsThisEvent += state.Strategy.OnTriggerBar();
            }
        }
    }

    private static bool NestsInFirst(IReadOnlyList<int> timeframes)
    {
        for (var k = 1; k < timeframes.Count; k++)
        {
            if (timeframes[k] <= timeframes[k - 1] || timeframes[k] % timeframes[0] != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class SymbolState(int timeframes)
    {
        public BarBuilder[] Builders { get; } = new BarBuilder[timeframes];

        /// <summary>Builders[0], the finest timeframe's, read on every tick without the array.</summary>
        public BarBuilder Finest { get; set; } = null!;

        public SmcSeries[] Series { get; } = new SmcSeries[timeframes];

        public IctSetupStrategy? Strategy { get; set; }
    }
}
