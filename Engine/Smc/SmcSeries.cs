using IctEngine.Core;
using IctEngine.Smc.Bars;
using IctEngine.Smc.Structure;

namespace IctEngine.Smc;

/// <summary>
/// Every detector of one symbol and timeframe, run in a fixed order on each closed bar (<see cref="OnBarClosed"/>,
/// also the bar-level entry point for tests and offline use). Nothing here runs per tick.
/// </summary>
public sealed class SmcSeries
{
    private readonly bool _journalBars;
    private readonly PreviousHighLowDetector[] _previous;

    public SmcSeries(int symbolId, int digits, int timeframeSlot, int timeframeSeconds, SmcOptions options, DecisionEmitter emitter)
    {
        Context = new SmcSeriesContext(symbolId, digits, timeframeSlot, timeframeSeconds, options, emitter);
        _journalBars = timeframeSeconds >= options.JournalBarsFromSeconds;
        ShortSwings = new SwingDetector(Context, options.ShortSwingLength, isLong: false);
        LongSwings = new SwingDetector(Context, options.LongSwingLength, isLong: true);
        Pattern = options.PatternStructure ? new PatternStructureDetector(Context, ShortSwings) : null;
        Internal = new TrendStructureDetector(Context, ShortSwings, isLong: false);
        Swing = new TrendStructureDetector(Context, LongSwings, isLong: true);
        OrderBlocks = new OrderBlockDetector(Context, ShortSwings);
        Gaps = new FairValueGapDetector(Context);
        Liquidity = new LiquidityDetector(Context, ShortSwings);
        Range = new RetracementTracker(Context, LongSwings);
        if (timeframeSeconds == options.ContextTimeframeSeconds)
        {
            var calendar = new TradingDayCalendar(options.DailyBoundary);
            Sessions = new SessionDetector(Context, options.Sessions);
            _previous = new PreviousHighLowDetector[options.PreviousPeriods.Count];
            for (var i = 0; i < _previous.Length; i++)
            {
                _previous[i] = new PreviousHighLowDetector(Context, calendar, options.PreviousPeriods[i], i);
            }
        }
        else
        {
            _previous = [];
        }
    }

    public SmcSeriesContext Context { get; }

    public BarSeries Bars => Context.Bars;

    public SwingDetector ShortSwings { get; }

    public SwingDetector LongSwings { get; }

    public PatternStructureDetector? Pattern { get; }

    public TrendStructureDetector Internal { get; }

    public TrendStructureDetector Swing { get; }

    public OrderBlockDetector OrderBlocks { get; }

    public FairValueGapDetector Gaps { get; }

    public LiquidityDetector Liquidity { get; }

    public RetracementTracker Range { get; }

    /// <summary>Sessions/killzones (only on the context timeframe).</summary>
    public SessionDetector? Sessions { get; }

    public IReadOnlyList<PreviousHighLowDetector> PreviousHighLows => _previous;

    /// <summary>
    /// Whether the zone and pool detectors scan everything they hold on every bar instead of only on bars that reach
    /// the nearest level (the default skips; both give the same decisions, and tests switch it on to prove it).
    /// </summary>
    internal bool ScansEveryBar
    {
        get => OrderBlocks.ScansEveryBar;
        set => OrderBlocks.ScansEveryBar = Gaps.ScansEveryBar = Liquidity.ScansEveryBar = value;
    }

    /// <summary>Appends a closed bar and runs every detector on it.</summary>
    public void OnBarClosed(in Bar bar)
    {
        ref readonly var stored = ref Context.Bars.Add(in bar);
        Context.Atr.Add(stored.High, stored.Low, stored.Close);
        if (_journalBars)
        {
            var d = Context.NewDecision(DecisionType.BarClosed, 0, Context.Id(SmcIdKind.Bar, 0, stored.Index));
            d.Ref0 = stored.Index;
            d.A = stored.Open;
            d.B = stored.High;
            d.C = stored.Low;
            d.D = stored.Close;
            d.E = stored.TickCount;
            d.F = stored.OpenTimeNs;
            Context.Emitter.Emit(ref d);
        }

        ShortSwings.OnBar();
        LongSwings.OnBar();
        Pattern?.OnBar();
        Internal.OnBar();
        Swing.OnBar();
        OrderBlocks.OnBar();
        Gaps.OnBar();
        Liquidity.OnBar();
        Range.OnBar();
        Sessions?.OnBar();
        for (var i = 0; i < _previous.Length; i++)
        {
            _previous[i].OnBar();
        }
    }
}
