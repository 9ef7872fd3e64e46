using System.Diagnostics;
using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class JournalWriterTests
{
    private static JournalWriterOptions Options(string runId = "r1", int capacity = 64, int buffers = 2, double stallSeconds = 10) => new()
    {
        RunId = runId,
        SymbolName = id => id switch { 0 => "EURUSD", 1 => "GBPUSD", _ => null },
        BufferCapacity = capacity,
        BufferCount = buffers,
        StallTimeout = TimeSpan.FromSeconds(stallSeconds),
    };

    private static void AddMany(JournalWriter writer, int count, int commitEvery = 10, int first = 0)
    {
        for (var i = first; i < first + count; i++)
        {
            writer.Add(DecisionSamples.Make(i, symbolId: (i % 4) - 1));
            if (i % commitEvery == commitEvery - 1)
            {
                writer.Commit();
            }
        }
    }

    [Test]
    public void Flush_ManyBatches_WritesEveryDecisionInOrderToItsSymbolStream()
    {
        using var temp = new TempStore();
        using (var writer = new JournalWriter(temp.Store, Options()))
        {
            AddMany(writer, 1000);
            writer.Flush();
            Assert.That(writer.Appended, Is.EqualTo(1000));
            Assert.That(writer.Backlog, Is.Zero);
            Assert.That(writer.LastPosition, Is.EqualTo(1000));
        }

        var events = temp.Store.ReadAll(1, 10_000, "r1");
        Assert.That(events, Has.Count.EqualTo(1000));
        for (var i = 0; i < events.Count; i++)
        {
            var expected = DecisionSamples.Make(i, symbolId: (i % 4) - 1);
            var decoded = DecisionCodec.Decode(events[i].Payload);
            Assert.That(DecisionSamples.AreEqual(decoded, expected), Is.True, $"decision {i}");
            Assert.That(events[i].Type, Is.EqualTo(expected.Type.ToString()));
            Assert.That(events[i].Metadata, Is.EqualTo(new EventMetadata("r1", expected.CorrelationId, expected.CausationId)));
            Assert.That(events[i].TimeNs, Is.EqualTo(expected.TimeNs));
        }

        Assert.That(temp.Store.ListStreams().Select(s => s.Name),
            Is.EqualTo(new[] { "run-r1", "run-r1-EURUSD", "run-r1-GBPUSD", "run-r1-S2" }));
        Assert.That(temp.Store.GetStreamVersion("run-r1-EURUSD"), Is.EqualTo(249));
    }

    [Test]
    public void Add_BufferFills_HandsOverWithoutCommit()
    {
        using var temp = new TempStore();
        using var writer = new JournalWriter(temp.Store, Options(capacity: 8, buffers: 2));
        AddMany(writer, 100, commitEvery: int.MaxValue);
        Assert.That(writer.Published, Is.EqualTo(96));
        writer.Flush();
        Assert.That(temp.Store.GetLastPosition(), Is.EqualTo(100));
    }

    [Test]
    public void Flush_LostAcknowledgements_RetriesWithoutDuplicates()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store) { FailAfterCommit = true };
        store.FailNext(3);
        using var writer = new JournalWriter(store, Options());
        for (var i = 0; i < 10; i++)
        {
            AddMany(writer, 10, first: i * 10);
            writer.Flush();
        }

        Assert.That(store.AppendCalls, Is.EqualTo(13));
        Assert.That(temp.Store.GetLastPosition(), Is.EqualTo(100));
        Assert.That(writer.Fault, Is.Null);
    }

    [Test]
    public void Flush_StoreKeepsFailing_FaultsAfterStallTimeout()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store) { AlwaysFail = true };
        var writer = new JournalWriter(store, Options(stallSeconds: 0.3));
        AddMany(writer, 10);
        var error = Assert.Throws<JournalFaultException>(writer.Flush)!;
        Assert.That(error.Message, Does.Contain("failed").Or.Contain("did not acknowledge"));
        Assert.That(writer.Fault, Is.Not.Null);
        Assert.That(writer.Appended, Is.Zero);
        Assert.Throws<JournalFaultException>(writer.Commit);
        writer.Dispose();
    }

    [Test]
    public void Add_StoreStalled_FaultsInsteadOfBlockingForever()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store);
        store.Gate.Reset();
        var writer = new JournalWriter(store, Options(capacity: 4, buffers: 2, stallSeconds: 0.3));
        var started = DateTime.UtcNow;
        var error = Assert.Throws<JournalFaultException>(() => AddMany(writer, 1000, commitEvery: 4))!;
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(error.Message, Does.Contain("stalled"));
        Assert.That(writer.Published, Is.LessThanOrEqualTo(12));
        store.Gate.Set();
        writer.Dispose();
    }

    [Test]
    public void Append_AnotherWriterOnTheRunStream_Faults()
    {
        using var temp = new TempStore();
        using var first = new JournalWriter(temp.Store, Options());
        first.Add(DecisionSamples.Make(0, symbolId: 0));
        first.Flush();
        var other = EventStoreConformanceTests.Batch("run-r1-EURUSD", ExpectedVersion.Any, EventStoreConformanceTests.Event());
        temp.Store.Append(other);
        first.Add(DecisionSamples.Make(1, symbolId: 0));
        var error = Assert.Throws<JournalFaultException>(first.Flush)!;
        Assert.That(error.Message, Does.Contain("another writer"));
    }

    [Test]
    public void Commit_WriterBusy_KeepsAccumulatingWithoutWaiting()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store);
        store.Gate.Reset();
        using var writer = new JournalWriter(store, Options(capacity: 1000, buffers: 2, stallSeconds: 5));
        AddMany(writer, 10);
        Assert.That(SpinWait.SpinUntil(() => store.AppendCalls == 1, TimeSpan.FromSeconds(10)), Is.True);

        var started = Stopwatch.StartNew();
        AddMany(writer, 500, first: 10);
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "the producer waited on the stalled store");
        Assert.That(writer.Published, Is.EqualTo(10), "commits while an append is in flight stay in the current buffer");
        Assert.That(writer.ProducerWaits, Is.Zero);

        store.Gate.Set();
        writer.Flush();
        Assert.That(store.AppendCalls, Is.EqualTo(2));
        Assert.That(temp.Store.GetLastPosition(), Is.EqualTo(510));
    }

    [Test]
    public void Flush_FullBuffersQueuedBehindASlowAppend_WritesThemInOneTransaction()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store);
        store.Gate.Reset();
        using var writer = new JournalWriter(store, Options(capacity: 8, buffers: 4, stallSeconds: 5));
        AddMany(writer, 2, commitEvery: 2);
        Assert.That(SpinWait.SpinUntil(() => store.AppendCalls == 1, TimeSpan.FromSeconds(10)), Is.True);
        AddMany(writer, 20, commitEvery: int.MaxValue, first: 2);
        Assert.That(writer.Published, Is.EqualTo(18));

        store.Gate.Set();
        Assert.That(SpinWait.SpinUntil(() => writer.Appended == 18, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(store.AppendCalls, Is.EqualTo(2), "the first append, then both queued full buffers together");
        writer.Flush();
        Assert.That(store.AppendCalls, Is.EqualTo(3));
        Assert.That(temp.Store.ReadAll(1, 100).Select(e => e.Metadata.CorrelationId), Is.EqualTo(
            temp.Store.ReadAll(1, 100).Select(e => e.Metadata.CorrelationId).Order()));
        Assert.That(temp.Store.GetLastPosition(), Is.EqualTo(22));
    }

    [Test]
    public void EventIds_SameRunTwice_AreTheSame()
    {
        using var a = new TempStore();
        using var b = new TempStore();
        foreach (var temp in new[] { a, b })
        {
            using var writer = new JournalWriter(temp.Store, Options("same"));
            AddMany(writer, 50);
        }

        Assert.That(b.Store.ReadAll(1, 100).Select(e => e.EventId), Is.EqualTo(a.Store.ReadAll(1, 100).Select(e => e.EventId)));
        Assert.That(a.Store.ReadAll(1, 100).Select(e => e.EventId).Distinct().Count(), Is.EqualTo(50));
    }

    [Test]
    public void Add_RunStartedFirst_AppendsAfterIt()
    {
        using var temp = new TempStore();
        RunCatalog.RecordStarted(temp.Store, "r1", "{}", 5);
        using (var writer = new JournalWriter(temp.Store, Options()))
        {
            writer.Add(new Decision { Type = DecisionType.LimitBreached, SymbolId = -1, TimeNs = 6 });
        }

        Assert.That(temp.Store.ReadStreamForwards("run-r1", 0, 10).Select(e => e.Type), Is.EqualTo(new[] { "RunStarted", "LimitBreached" }));
    }
}
