using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class JournalStageTests
{
    private static SpscQueue<Decision>[] Queues() =>
        [new SpscQueue<Decision>(1024), new SpscQueue<Decision>(1024), new SpscQueue<Decision>(1024), new SpscQueue<Decision>(1024)];

    /// <summary>Queues decisions for one slot the way the stages would: stage k writes k+1 decisions (ids encode slot and stage).</summary>
    private static void FillSlot(SpscQueue<Decision>[] queues, ref EngineEvent slot, long sequence)
    {
        slot.ClearOutputs();
        for (var k = 0; k < 4; k++)
        {
            var n = (int)((sequence + k) % 3);
            for (var i = 0; i < n; i++)
            {
                ref var d = ref queues[k].Claim();
                d.Type = (DecisionType)(100 + k);
                d.SymbolId = (int)(sequence % 2);
                d.Id = (sequence * 100) + (k * 10) + i;
                d.TimeNs = 1_400_000_000_000_000_000 + sequence;
                queues[k].Publish();
            }

            slot.Decisions[k] = n;
        }
    }

    [Test]
    public void OnEvent_DecisionsOfFourStages_JournalsSlotByStageOrder()
    {
        using var temp = new TempStore();
        var queues = Queues();
        using var hasher = new DecisionHasher();
        var writer = new JournalWriter(temp.Store, new JournalWriterOptions { RunId = "order" });
        var stage = new JournalStage(queues, writer, hasher);
        var slot = default(EngineEvent);
        for (long seq = 0; seq < 200; seq++)
        {
            FillSlot(queues, ref slot, seq);
            stage.OnEvent(ref slot, seq, endOfBatch: seq % 16 == 15);
        }

        stage.Flush();
        writer.Dispose();

        var ids = temp.Store.ReadAll(1, 10_000, "order").Select(e => DecisionCodec.Decode(e.Payload).Id).ToList();
        Assert.That(ids, Has.Count.EqualTo(stage.Count));
        Assert.That(ids, Is.Ordered, "slot order, then stage order, then queue order");
        Assert.That(queues.Sum(q => q.Count), Is.Zero);
    }

    [Test]
    public void OnEvent_HashOnly_MatchesHasherOverTheSameStream()
    {
        var queues = Queues();
        using var hasher = new DecisionHasher();
        var stage = new JournalStage(queues, writer: null, hasher);
        using var expected = new DecisionHasher();
        var slot = default(EngineEvent);
        for (long seq = 0; seq < 100; seq++)
        {
            FillSlot(queues, ref slot, seq);
            for (var k = 0; k < 4; k++)
            {
                // Peek what the stage will read: the same queues in the same order.
                var mirror = new List<Decision>();
                for (var i = 0; i < slot.Decisions[k]; i++)
                {
                    mirror.Add(new Decision { Type = (DecisionType)(100 + k), SymbolId = (int)(seq % 2), Id = (seq * 100) + (k * 10) + i, TimeNs = 1_400_000_000_000_000_000 + seq });
                }

                foreach (var d in mirror)
                {
                    expected.Append(d);
                }
            }

            stage.OnEvent(ref slot, seq, endOfBatch: true);
        }

        Assert.That(hasher.ToHex(), Is.EqualTo(expected.ToHex()));
        Assert.That(stage.Count, Is.EqualTo(expected.Count));
    }

    [Test]
    public void OnEvent_SteadyStateWithSqliteWriter_DoesNotAllocate()
    {
        using var temp = new TempStore();
        var queues = Queues();
        using var hasher = new DecisionHasher();
        var writer = new JournalWriter(temp.Store, new JournalWriterOptions { RunId = "alloc", BufferCapacity = 4096, BufferCount = 4 });
        var stage = new JournalStage(queues, writer, hasher);
        var slot = default(EngineEvent);
        long seq = 0;
        for (; seq < 20_000; seq++)
        {
            FillSlot(queues, ref slot, seq);
            stage.OnEvent(ref slot, seq, endOfBatch: seq % 64 == 63);
        }

        stage.Flush();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (; seq < 120_000; seq++)
        {
            FillSlot(queues, ref slot, seq);
            stage.OnEvent(ref slot, seq, endOfBatch: seq % 64 == 63);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        stage.Flush();
        writer.Dispose();
        Assert.That(allocated, Is.Zero);
        Assert.That(temp.Store.GetLastPosition(), Is.EqualTo(stage.Count));
    }

    [Test]
    public void OnEvent_WriterFaulted_ThrowsJournalFault()
    {
        using var temp = new TempStore();
        var store = new ScriptedEventStore(temp.Store) { AlwaysFail = true };
        var queues = Queues();
        using var hasher = new DecisionHasher();
        var writer = new JournalWriter(store, new JournalWriterOptions { RunId = "f", StallTimeout = TimeSpan.FromMilliseconds(200) });
        var stage = new JournalStage(queues, writer, hasher);
        var slot = default(EngineEvent);
        Assert.Throws<JournalFaultException>(() =>
        {
            for (long seq = 0; seq < 1_000_000; seq++)
            {
                FillSlot(queues, ref slot, seq);
                stage.OnEvent(ref slot, seq, endOfBatch: true);
                if (seq % 1000 == 0)
                {
                    Thread.Sleep(20);
                }
            }
        });
        Assert.That(stage.Fault, Is.Not.Null);
        writer.Dispose();
    }

    [Test]
    public void Constructor_ThreeQueues_ThrowsArgumentException()
    {
        using var hasher = new DecisionHasher();
        Assert.Throws<ArgumentException>(() => _ = new JournalStage(Queues()[..3], null, hasher));
    }
}
