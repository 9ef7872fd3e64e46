using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Smc;
using IctEngine.Smc.Structure;
using IctEngine.Ticks;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Smc;

[TestFixture]
public sealed class SmcStageTests
{
    private static List<Tick>? _sample;

    private static List<Tick> Sample => _sample ??= SampleTicks.Load();

    /// <summary>Runs ticks through a stage, draining its queues after every event like the downstream stages would.</summary>
    private static (List<Decision> Decisions, List<Signal> Signals, SmcStage Stage) Run(IReadOnlyList<Tick> ticks, SmcOptions? options = null)
    {
        var decisions = new SpscQueue<Decision>(1 << 12);
        var signals = new SpscQueue<Signal>(256);
        var stage = new SmcStage(InstrumentCatalog.Default, options ?? new SmcOptions(), decisions, signals);
        var outD = new List<Decision>();
        var outS = new List<Signal>();
        var e = default(EngineEvent);
        for (var i = 0; i < ticks.Count; i++)
        {
            e.ClearOutputs();
            e.Kind = EngineEventKind.Tick;
            e.Tick = ticks[i];
            e.TimeNs = ticks[i].TimeNs;
            stage.OnEvent(ref e, i, true);
            for (var k = 0; k < e.Decisions[(int)PipelineStage.Smc]; k++)
            {
                outD.Add(decisions.Read());
            }

            for (var k = 0; k < e.SignalCount; k++)
            {
                outS.Add(signals.Read());
            }
        }

        return (outD, outS, stage);
    }

    [Test]
    public void OnEvent_SampleWeek_RaisesAHandfulOfCitedSignals()
    {
        var (decisions, signals, stage) = Run(Sample);
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, stage.Counts.Snapshot().Select(kv => $"{kv.Key} {kv.Value}")));
        foreach (var s in signals)
        {
            TestContext.Out.WriteLine($"{new Timestamp(s.TimeNs)} dir {s.Direction} entry {s.Entry} sl {s.StopLoss} tp {s.TakeProfit}");
        }

        Assert.That(signals.Count, Is.InRange(2, 20));
        var raised = decisions.Where(d => d.Type == DecisionType.SignalRaised).ToList();
        Assert.That(raised.Select(d => d.Id), Is.EqualTo(signals.Select(s => s.Id)));
        var ids = decisions.Where(d => d.Type != DecisionType.SignalRaised).Select(d => d.Id).ToHashSet();
        foreach (var s in signals)
        {
            Assert.That(ids, Does.Contain(s.Ref0).And.Contain(s.Ref1).And.Contain(s.Ref2), "a signal cites structure that was journaled");
            Assert.That(s.Direction > 0 ? s.StopLoss < s.Entry && s.Entry < s.TakeProfit : s.StopLoss > s.Entry && s.Entry > s.TakeProfit, Is.True);
            Assert.That(s.IsLimit, Is.True);
        }

        Assert.That(stage.Counts.Total(DecisionType.StructureBreak), Is.GreaterThan(0));
        Assert.That(signals.Any(s => s.Direction > 0) && signals.Any(s => s.Direction < 0), Is.True, "both directions");
        var summary = stage.Counts.Snapshot().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(summary["SignalRaised/bull"] + summary["SignalRaised/bear"], Is.EqualTo(signals.Count));
        Assert.That(summary.Keys, Does.Contain("StructureBreak/CHoCH-internal-bull").And.Contain("StructureInvalidated/SwingDetected"));
        Assert.That(stage.Counts.Get(DecisionType.StructureInvalidated, (int)DecisionType.SwingDetected), Is.EqualTo(summary["StructureInvalidated/SwingDetected"]));
    }

    [Test]
    public void OnEvent_SampleWeek_EachSignalFollowsTheDocumentedSetup()
    {
        var (decisions, signals, _) = Run(Sample);
        var byId = new Dictionary<long, Decision>();
        foreach (var d in decisions.Where(d => d.Type is DecisionType.StructureBreak or DecisionType.OrderBlockDetected or DecisionType.FairValueGapDetected))
        {
            byId.TryAdd(d.Id, d);
        }

        var killzones = SessionWindow.IctDefaults.Where(w => w.IsKillzone).ToList();
        foreach (var s in signals)
        {
            var bias = byId[s.Ref0];
            Assert.That((bias.Timeframe, Math.Sign(bias.Code), Math.Abs(bias.Code)), Is.EqualTo((3600, s.Direction, SmcCodes.InternalBos)).Or.EqualTo((3600, s.Direction, SmcCodes.InternalChoch)), "H1 bias in the signal's direction");
            Assert.That(bias.TimeNs, Is.LessThanOrEqualTo(s.TimeNs));
            var trigger = byId[s.Ref1];
            Assert.That((trigger.Timeframe, trigger.Code), Is.EqualTo((300, s.Direction * SmcCodes.InternalChoch)), "an M5 internal CHoCH in the bias direction");
            Assert.That(trigger.TimeNs, Is.EqualTo(s.TimeNs));
            var zone = byId[s.Ref2];
            Assert.That(zone.Type, Is.AnyOf(DecisionType.OrderBlockDetected, DecisionType.FairValueGapDetected));
            Assert.That(s.Entry, Is.EqualTo(s.Direction > 0 ? zone.A : zone.B), "limit at the zone's near edge");
            var barOpen = s.TimeNs - (s.TimeNs % (5 * Timestamp.NanosPerMinute)) - (5 * Timestamp.NanosPerMinute);
            Assert.That(killzones.Any(w => w.Contains(barOpen)), Is.True, "the trigger bar opened inside a killzone");
            var pip = InstrumentCatalog.Default.Get("EURUSD").PipUnits;
            Assert.That(s.Direction > 0 ? zone.B - s.StopLoss : s.StopLoss - zone.A, Is.EqualTo(pip), "stop one pip beyond the zone");
        }
    }

    [Test]
    public void OnEvent_TwoRuns_IdenticalDecisionSequences()
    {
        var ticks = Sample.Take(300_000).ToList();
        var a = Run(ticks).Decisions;
        var b = Run(ticks).Decisions;
        Assert.That(a.Count, Is.GreaterThan(1000));
        Assert.That(b, Is.EqualTo(a));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void OnEvent_SteadyState_DoesNotAllocate(int variant)
    {
        var ticks = Sample;
        var decisions = new SpscQueue<Decision>(1 << 12);
        var signals = new SpscQueue<Signal>(256);
        var options = variant switch
        {
            1 => new SmcOptions { Sessions = [] },
            2 => new SmcOptions { Sessions = [], DailyBoundary = IctEngine.Smc.Bars.DailyBoundary.UtcMidnight },
            _ => new SmcOptions(),
        };
        var stage = new SmcStage(InstrumentCatalog.Default, options, decisions, signals);
        var e = default(EngineEvent);
        var warm = ticks.Count / 2;
        long before = 0;
        for (var i = 0; i < ticks.Count; i++)
        {
            if (i == warm)
            {
                before = GC.GetAllocatedBytesForCurrentThread();
            }

            e.ClearOutputs();
            e.Kind = (i % 1000) == 999 ? EngineEventKind.Timer : EngineEventKind.Tick;
            e.Tick = ticks[i];
            e.TimeNs = ticks[i].TimeNs;
            stage.OnEvent(ref e, i, true);
            while (decisions.TryRead(out _))
            {
            }

            while (signals.TryRead(out _))
            {
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(allocated, Is.Zero, $"{ticks.Count - warm} events after warm-up");
    }

    [Test]
    public void OnEvent_Timer_ClosesDueBarsAndReportsCounts()
    {
        var decisions = new SpscQueue<Decision>(1 << 10);
        var stage = new SmcStage(InstrumentCatalog.Default, new SmcOptions(), decisions, new SpscQueue<Signal>(16));
        var t0 = Timestamp.Parse("2014-05-05 10:01:00").UnixNanoseconds;
        var e = new EngineEvent { Kind = EngineEventKind.Tick, Tick = new Tick(t0, 138_700, 138_710), TimeNs = t0 };
        stage.OnEvent(ref e, 1, true);
        Assert.That(e.Decisions[(int)PipelineStage.Smc], Is.Zero);
        var timer = new EngineEvent { Kind = EngineEventKind.Timer, TimeNs = Timestamp.Parse("2014-05-05 10:05:00").UnixNanoseconds };
        stage.OnEvent(ref timer, 2, true);
        Assert.That(timer.Decisions[(int)PipelineStage.Smc], Is.EqualTo(2), "the M5 bar (M1 is below JournalBarsFromSeconds) and London opening");
        var d = decisions.Read();
        var session = decisions.Read();
        Assert.That((session.Type, session.Code), Is.EqualTo((DecisionType.SessionEvent, SmcCodes.SessionOpened)));
        Assert.That((d.Type, d.TimeNs, d.CorrelationId, d.Timeframe, d.A, d.E), Is.EqualTo((DecisionType.BarClosed, timer.TimeNs, 2L, 300, 138_700L, 1L)));
        Assert.That(stage.Series(0, 0).Bars.Count, Is.EqualTo(1), "M1 closed too");
    }

    [Test]
    public void OnEvent_RejectedTick_IsIgnored()
    {
        var decisions = new SpscQueue<Decision>(64);
        var stage = new SmcStage(InstrumentCatalog.Default, new SmcOptions(), decisions, new SpscQueue<Signal>(16));
        var t0 = Timestamp.Parse("2014-05-05 10:01:00").UnixNanoseconds;
        var e = new EngineEvent { Kind = EngineEventKind.Tick, Tick = new Tick(t0, 1, 2), TimeNs = t0, Reject = RejectReason.Spike };
        stage.OnEvent(ref e, 1, true);
        var later = new EngineEvent { Kind = EngineEventKind.Timer, TimeNs = t0 + Timestamp.NanosPerDay };
        stage.OnEvent(ref later, 2, true);
        Assert.That(stage.Series(0, 0).Bars.Count, Is.Zero);
    }
    [Property(MaxTest = 12)]
    public bool OnEvent_CoarserBarsFromFinest_SameDecisionsAsFromTicks(int seed)
    {
        // A day and a half of real ticks with timer events at random places: building coarser bars from the finest one's closed bars must decide exactly as building every
        // timeframe from ticks.
        var random = new Random(seed);
        var events = new List<(bool Timer, Tick Tick, long TimeNs)>();
        var ticks = Sample;
        var start = random.Next(0, ticks.Count - 45_000);
        for (var i = start; i < start + 40_000; i++)
        {
            events.Add((false, ticks[i], ticks[i].TimeNs));
            if (random.Next(50) == 0)
            {
                // Mostly between this tick and the next, as a live timer fires; one in four up to ten minutes on,
                // often later than the next tick: the race where a timer closes a bar before a tick stamped inside
                // it arrives.
                var gap = i + 1 < ticks.Count ? ticks[i + 1].TimeNs - ticks[i].TimeNs : Timestamp.NanosPerMinute;
                var span = random.Next(4) == 0 ? 10 * Timestamp.NanosPerMinute : gap;
                events.Add((true, default, ticks[i].TimeNs + (long)(random.NextDouble() * span)));
            }
        }

        var derived = RunEvents(events, fromFinest: true);
        var fromTicks = RunEvents(events, fromFinest: false);
        return derived.Count == fromTicks.Count && derived.Zip(fromTicks).All(p => p.First.SequenceEqual(p.Second));
    }

    [Test]
    public void BuildsCoarserBarsFromFinest_DefaultTimeframes_IsOnAndOffWhenTheyDoNotNest()
    {
        var nesting = new SmcStage(InstrumentCatalog.Default, new SmcOptions(), new SpscQueue<Decision>(16), new SpscQueue<Signal>(16));
        var notNesting = new SmcStage(InstrumentCatalog.Default, new SmcOptions { Timeframes = [120, 300, 3600], Strategy = new() { Enabled = false } },
            new SpscQueue<Decision>(16), new SpscQueue<Signal>(16));
        Assert.Multiple(() =>
        {
            Assert.That(nesting.BuildsCoarserBarsFromFinest, Is.True);
            Assert.That(notNesting.BuildsCoarserBarsFromFinest, Is.False);
        });
    }

    /// <summary>Runs ticks and timers through a stage; returns every decision, encoded (a byte-exact comparison).</summary>
    private static List<byte[]> RunEvents(List<(bool Timer, Tick Tick, long TimeNs)> events, bool fromFinest)
    {
        var decisions = new SpscQueue<Decision>(1 << 12);
        var signals = new SpscQueue<Signal>(256);
        var stage = new SmcStage(InstrumentCatalog.Default, new SmcOptions(), decisions, signals) { BuildsCoarserBarsFromFinest = fromFinest };
        var result = new List<byte[]>();
        var buffer = new byte[DecisionCodec.MaxEncodedSize];
        var e = default(EngineEvent);
        for (var i = 0; i < events.Count; i++)
        {
            e.ClearOutputs();
            e.Kind = events[i].Timer ? EngineEventKind.Timer : EngineEventKind.Tick;
            e.Tick = events[i].Tick;
            e.TimeNs = events[i].TimeNs;
            stage.OnEvent(ref e, i, true);
            for (var k = 0; k < e.Decisions[(int)PipelineStage.Smc]; k++)
            {
                var n = DecisionCodec.Encode(decisions.Read(), buffer);
                result.Add(buffer[..n]);
            }

            for (var k = 0; k < e.SignalCount; k++)
            {
                signals.Read();
            }
        }

        return result;
    }
}
