using IctEngine.Core;
using IctEngine.Pipeline;
using IctEngine.Tests.Support;
using IctEngine.Ticks;
using IctEngine.Validation;
using NUnit.Framework;

namespace IctEngine.Tests.Validation;

[TestFixture]
public sealed class ValidationStageTests
{
    private static readonly int EurusdId = InstrumentCatalog.Default.Get("EURUSD").Id;
    private static readonly long Monday = TickTestData.Utc("2014-05-05 10:00:00");

    private static Tick T(long offsetMs, long bid, long ask, int? symbol = null) =>
        new(Monday + (offsetMs * Timestamp.NanosPerMillisecond), bid, ask, symbol ?? EurusdId);

    [Test]
    public void OnEvent_NonTickEvent_PassesThroughUntouched()
    {
        var run = new ValidationRun();
        var slot = new EngineEvent { Kind = EngineEventKind.Timer, TimeNs = 5, Tick = new Tick(1, -1, -2) };

        run.Feed(ref slot);

        Assert.That((slot.Reject, slot.Decisions[0], run.Stage.Ticks), Is.EqualTo((RejectReason.None, 0, 0L)));
    }

    [TestCase(0L, 137_000L, RejectReason.NonPositivePrice)]
    [TestCase(137_000L, -5L, RejectReason.NonPositivePrice)]
    [TestCase(long.MaxValue, 137_000L, RejectReason.NonFinitePrice)]
    [TestCase(137_010L, 137_000L, RejectReason.Crossed)]
    [TestCase(137_000L, 137_301L, RejectReason.SpreadTooWide)]
    [TestCase(137_000L, 137_300L, RejectReason.None)]
    [TestCase(137_000L, 137_000L, RejectReason.None)]
    public void OnEvent_SingleTick_AppliesThePriceRules(long bid, long ask, RejectReason expected)
    {
        var run = new ValidationRun();

        Assert.That(run.Feed(T(0, bid, ask)), Is.EqualTo(expected));
        Assert.That(run.Stage.RejectCounts[(int)expected], Is.EqualTo(expected == RejectReason.None ? 0 : 1));
    }

    [Test]
    public void OnEvent_Reject_QueuesADecisionWithTheDocumentedFields()
    {
        var run = new ValidationRun();
        run.Feed(T(0, 137_000, 137_010));

        run.Feed(T(1, 137_012, 137_010));

        var d = run.Rejects.Single();
        Assert.That(d.Code, Is.EqualTo((int)RejectReason.Crossed));
        Assert.That((d.SymbolId, d.TimeNs, d.CorrelationId), Is.EqualTo((EurusdId, T(1, 0, 0).TimeNs, 1L)));
        Assert.That((d.A, d.B, d.C, d.D), Is.EqualTo((137_012L, 137_010L, 2L, 0L)));
        Assert.That(run.Slot.Decisions[(int)PipelineStage.Validation], Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_LockedWithRejectLocked_RejectsAsCrossedWithD1()
    {
        var run = new ValidationRun(new ValidationOptions { Defaults = new SymbolValidationRules { RejectLocked = true } });

        Assert.That(run.Feed(T(0, 137_000, 137_000)), Is.EqualTo(RejectReason.Crossed));
        Assert.That(run.Rejects.Single().D, Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_PerSymbolOverride_AppliesOnlyToThatSymbol()
    {
        var options = new ValidationOptions
        {
            Overrides = new Dictionary<string, SymbolValidationRules> { ["EURUSD"] = new() { MaxSpreadPips = 2 } },
        };
        var run = new ValidationRun(options);
        var gbp = InstrumentCatalog.Default.Get("GBPUSD").Id;

        Assert.That(run.Feed(T(0, 137_000, 137_021)), Is.EqualTo(RejectReason.SpreadTooWide));
        Assert.That(run.Feed(T(0, 160_000, 160_021, gbp)), Is.EqualTo(RejectReason.None));
    }

    [Test]
    public void OnEvent_TimeBackwardsAndDuplicate_AreRejected()
    {
        var run = new ValidationRun();
        run.Feed(T(10, 137_000, 137_010));

        Assert.That(run.Feed(T(9, 137_000, 137_011)), Is.EqualTo(RejectReason.TimeBackwards));
        Assert.That(run.Feed(T(10, 137_000, 137_010)), Is.EqualTo(RejectReason.Duplicate));
        Assert.That(run.Feed(T(10, 137_001, 137_010)), Is.EqualTo(RejectReason.None));
    }

    [Test]
    public void OnEvent_UnknownSymbol_Rejects()
    {
        var run = new ValidationRun();

        Assert.That(run.Feed(T(0, 1, 2, symbol: 999)), Is.EqualTo(RejectReason.UnknownSymbol));
    }

    [Test]
    public void OnEvent_OneTickSpikeThenBack_RejectsOnlyTheSpike()
    {
        var run = new ValidationRun();
        run.Feed(T(0, 137_000, 137_010));

        var verdicts = new[]
        {
            run.Feed(T(1, 138_370, 138_380)), // +1 %
            run.Feed(T(2, 137_001, 137_011)),
        };

        Assert.That(verdicts, Is.EqualTo(new[] { RejectReason.Spike, RejectReason.None }));
        var d = run.Rejects.Single();
        Assert.That((d.C, d.D), Is.EqualTo((274_010L, 60L)));
    }

    [Test]
    public void OnEvent_LevelShiftThatHolds_IsAcceptedAfterConfirmation()
    {
        var run = new ValidationRun();
        run.Feed(T(0, 137_000, 137_010));

        var verdicts = new[] { run.Feed(T(1, 138_370, 138_380)), run.Feed(T(2, 138_371, 138_381)), run.Feed(T(3, 138_372, 138_382)) };

        Assert.That(verdicts, Is.EqualTo(new[] { RejectReason.Spike, RejectReason.None, RejectReason.None }));
    }

    [Test]
    public void OnEvent_OandaNfpDay_RejectsNoSpikeAndNothingButDuplicates()
    {
        foreach (var (folder, symbol) in new[] { ("lean-oanda-eurusd", "EURUSD"), ("lean-oanda-xauusd", "XAUUSD") })
        {
            var ticks = TickTestData.ReadAll(TickTestData.File(folder), symbol);
            var run = new ValidationRun();

            run.FeedAll(ticks);

            Assert.That(run.Stage.RejectCounts[(int)RejectReason.Spike], Is.Zero, symbol);
            Assert.That(run.Stage.Rejected, Is.EqualTo(run.Stage.RejectCounts[(int)RejectReason.Duplicate]), symbol);
        }
    }

    [Test]
    public void OnEvent_NfpMove_IsInTheDataAndPasses()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-oanda-eurusd"), "EURUSD");
        var at = ticks.FindIndex(t => t.TimeNs >= TickTestData.Utc("2014-05-02 12:30:01.521"));
        var before = ticks[at - 1].MidTimesTwo;
        var after = ticks.First(t => t.TimeNs >= TickTestData.Utc("2014-05-02 12:30:01.535")).MidTimesTwo;

        Assert.That((before - after) / 2.0, Is.GreaterThan(150), "a real move of more than 15 pips within milliseconds");
        Assert.That(new ValidationRun().FeedAll(ticks).Skip(at - 5).Take(50), Has.None.EqualTo(RejectReason.Spike));
    }

    [TestCase("lean-oanda-eurusd", "EURUSD", 1.01)]
    [TestCase("lean-oanda-eurusd", "EURUSD", 0.99)]
    [TestCase("lean-oanda-xauusd", "XAUUSD", 1.01)]
    [TestCase("lean-fxcm-eurusd", "EURUSD", 1.01)]
    public void OnEvent_InjectedOneTickSpikes_AreEachRejectedAsSpike(string folder, string symbol, double factor)
    {
        var ticks = TickTestData.ReadAll(TickTestData.File(folder), symbol);
        var injected = new HashSet<int>();
        for (var i = 1000; i < ticks.Count - 1; i += 997)
        {
            var t = ticks[i];
            var shift = (long)((t.Bid + t.Ask) / 2 * (factor - 1));
            ticks[i] = t with { Bid = t.Bid + shift, Ask = t.Ask + shift };
            injected.Add(i);
        }

        var verdicts = new ValidationRun { KeepDecisions = false }.FeedAll(ticks);

        var spikes = Enumerable.Range(0, ticks.Count).Where(i => verdicts[i] == RejectReason.Spike).ToHashSet();
        var injectedNotCrossed = injected.Where(i => ticks[i].Bid <= ticks[i].Ask).ToHashSet();
        Assert.That(spikes, Is.EquivalentTo(injectedNotCrossed));
    }

    [Test]
    public void OnEvent_FxcmDay_RejectsExactlyItsCrossedQuotesAsCrossed()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-fxcm-eurusd"), "EURUSD");
        var run = new ValidationRun { KeepDecisions = false };

        var verdicts = run.FeedAll(ticks);

        var crossed = ticks.Count(t => t.Bid > t.Ask);
        Assert.That(crossed, Is.GreaterThan(1000));
        Assert.That(run.Stage.RejectCounts[(int)RejectReason.Crossed], Is.EqualTo(crossed));
        Assert.That(Enumerable.Range(0, ticks.Count).All(i => (verdicts[i] == RejectReason.Crossed) == (ticks[i].Bid > ticks[i].Ask)), Is.True);
        Assert.That(ticks.Count(t => t.Bid == t.Ask), Is.GreaterThan(0), "locked quotes are in the data and accepted");
    }

    [Test]
    public void OnEvent_DukascopyDay_ReportsTheRealFeedHoleAsAGapNotAReject()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("dukascopy"), "GBPJPY");
        var run = new ValidationRun();

        run.FeedAll(ticks);

        var gap = run.Gaps.Single();
        Assert.That(new Timestamp(gap.A).ToMillisecondString(), Does.StartWith("2012-12-03 15:14:5"));
        Assert.That(new Timestamp(gap.TimeNs).ToMillisecondString(), Does.StartWith("2012-12-03 15:32:5"));
        Assert.That(gap.C, Is.GreaterThan(17 * Timestamp.NanosPerMinute));
        Assert.That(run.Stage.Rejected, Is.Zero);
        Assert.That(run.Stage.Gaps, Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_WeekendSilence_IsNotAGap()
    {
        var run = new ValidationRun();
        run.Feed(new Tick(TickTestData.Utc("2014-05-02 20:59:58"), 138_000, 138_010, EurusdId));

        run.Feed(new Tick(TickTestData.Utc("2014-05-04 21:00:00"), 138_500, 138_510, EurusdId));
        run.Feed(new Tick(TickTestData.Utc("2014-05-04 21:30:01"), 138_500, 138_512, EurusdId));

        Assert.That(run.Gaps.Count(), Is.EqualTo(1), "only the 30-minute silence after the open");
        Assert.That(run.Stage.Rejected, Is.Zero, "the reopening price is not a spike");
    }

    [Test]
    public void OnEvent_SameInputTwice_GivesIdenticalDecisions()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-fxcm-eurusd"), "EURUSD");
        ticks[5000] = ticks[5000] with { Bid = ticks[5000].Bid * 2, Ask = ticks[5000].Ask * 2 };
        var first = new ValidationRun();
        var second = new ValidationRun();

        first.FeedAll(ticks);
        second.FeedAll(ticks);

        Assert.That(first.Decisions, Has.Count.GreaterThan(1000));
        Assert.That(second.Decisions, Is.EqualTo(first.Decisions));
        Assert.That(first.Decisions.Count(d => d.Code == (int)RejectReason.Spike), Is.EqualTo(1));
    }

    [Test]
    public void OnEvent_ManyTicks_AllocatesNothing()
    {
        var ticks = TickTestData.ReadAll(TickTestData.File("lean-fxcm-eurusd"), "EURUSD").ToArray();

        // One stage for every run: each run is the same day shifted a day later, so it is processed like new data.
        // The reject log is rate-limited (the first reject of a reason, then one per interval); with a long interval
        // it fires only in the warm-up run, so what is measured is the per-tick path itself.
        var queue = new SpscQueue<Decision>(1 << 4);
        var options = new ValidationOptions { RejectLogInterval = TimeSpan.FromDays(3650) };
        var stage = new ValidationStage(InstrumentCatalog.Default, options, queue);
        var day = 0;

        long Run(out long crossed)
        {
            var shift = day++ * Timestamp.NanosPerDay;
            var shifted = new Tick[ticks.Length];
            for (var i = 0; i < ticks.Length; i++)
            {
                shifted[i] = ticks[i];
                shifted[i].TimeNs += shift;
            }

            var crossedBefore = stage.RejectCounts[(int)RejectReason.Crossed];
            var slot = new EngineEvent { Kind = EngineEventKind.Tick };
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < shifted.Length; i++)
            {
                slot.Tick = shifted[i];
                slot.ClearOutputs();
                stage.OnEvent(ref slot, i, true);
                for (var k = 0; k < slot.Decisions[0]; k++)
                {
                    queue.Read();
                }
            }

            crossed = stage.RejectCounts[(int)RejectReason.Crossed] - crossedBefore;
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Run(out _); // warm-up: every path jitted, the rate-limited log lines written

        // Least of three runs: a background JIT tier-up can charge a one-off allocation; a per-tick one shows every time.
        var allocated = Math.Min(Run(out var crossed), Math.Min(Run(out _), Run(out _)));

        Assert.That(allocated, Is.Zero);
        Assert.That(crossed, Is.GreaterThan(1000), "rejects were on the measured path");
    }

    [Test]
    public void SharedData_FxcmEurusd_Rejects116871CrossedQuotes()
    {
        var shared = TickTestData.SharedTicksOrIgnore();
        var run = RunShared(Path.Combine(shared, "lean-fxcm-eurusd"), "EURUSD");

        Assert.That(run.Stage.Ticks, Is.EqualTo(1_144_807));
        Assert.That(run.Stage.RejectCounts[(int)RejectReason.Crossed], Is.EqualTo(116_871));
    }

    [TestCase("lean-oanda-eurusd", "EURUSD")]
    [TestCase("lean-oanda-nzdusd", "NZDUSD")]
    [TestCase("lean-oanda-xauusd", "XAUUSD")]
    [TestCase("lean-fxcm-eurusd", "EURUSD")]
    [TestCase("lean-fxcm-nzdusd", "NZDUSD")]
    [TestCase("dukascopy-gbpjpy-2012-12-03", "GBPJPY")]
    public void SharedData_RealFortnight_NoSpikeRejects(string folder, string symbol)
    {
        var shared = TickTestData.SharedTicksOrIgnore();
        var run = RunShared(Path.Combine(shared, folder), symbol);

        TestContext.Out.WriteLine($"{folder}: {run.Stage.Ticks} ticks, gaps {run.Stage.Gaps}, rejects "
            + string.Join(", ", Enum.GetValues<RejectReason>().Where(r => run.Stage.RejectCounts[(int)r] > 0).Select(r => $"{r} {run.Stage.RejectCounts[(int)r]}")));
        Assert.That(run.Stage.RejectCounts[(int)RejectReason.Spike], Is.Zero);
        if (folder.Contains("oanda", StringComparison.Ordinal))
        {
            Assert.That(run.Stage.Rejected, Is.EqualTo(run.Stage.RejectCounts[(int)RejectReason.Duplicate]), "OANDA: nothing but exact duplicates");
        }
    }

    private static ValidationRun RunShared(string folder, string symbol)
    {
        var run = new ValidationRun { KeepDecisions = false };
        using var reader = TickSources.Open(folder, null, TickTestData.Instrument(symbol));
        var buffer = new Tick[8192];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                run.Feed(buffer[i]);
            }
        }

        return run;
    }
}
