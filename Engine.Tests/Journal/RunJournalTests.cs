using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Pipeline;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class RunJournalTests
{
    private static SpscQueue<Decision>[] Queues() =>
        [new SpscQueue<Decision>(64), new SpscQueue<Decision>(64), new SpscQueue<Decision>(64), new SpscQueue<Decision>(64)];

    private static string Drive(RunJournal journal, SpscQueue<Decision>[] queues, int slots)
    {
        var slot = default(EngineEvent);
        for (var seq = 0; seq < slots; seq++)
        {
            slot.ClearOutputs();
            queues[(int)PipelineStage.Smc].Write(DecisionSamples.Make(seq, symbolId: seq % 2));
            slot.Decisions[(int)PipelineStage.Smc] = 1;
            journal.Stage.OnEvent(ref slot, seq, endOfBatch: seq % 8 == 7);
        }

        journal.Flush();
        return journal.DecisionsHash;
    }

    [Test]
    public void Complete_Run_RecordsStartDecisionsAndCompletion()
    {
        using var temp = new TempStore();
        var queues = Queues();
        string hash;
        using (var journal = new RunJournal(temp.Store, "r", "{\"a\":1}", 10, queues, id => id == 0 ? "EURUSD" : "GBPUSD"))
        {
            hash = Drive(journal, queues, 50);
            Assert.That(journal.Writer!.Appended, Is.EqualTo(50));
            journal.Complete($"{{\"decisionsHash\":\"{hash}\"}}", 20);
        }

        var run = RunCatalog.FindRun(temp.Store, "r")!;
        Assert.That(run.SummaryJson, Does.Contain(hash));
        Assert.That(run.Streams.Select(s => s.Name), Is.EqualTo(new[] { "run-r", "run-r-EURUSD", "run-r-GBPUSD" }));
        Assert.That(RunCatalog.ReadDecisions(temp.Store, "r").Count(), Is.EqualTo(50));
    }

    [Test]
    public void DecisionsHash_DryRunAndStoredRun_AreEqual()
    {
        using var temp = new TempStore();
        var storedQueues = Queues();
        var dryQueues = Queues();
        using var stored = new RunJournal(temp.Store, "s", "{}", 0, storedQueues, _ => null);
        using var dry = new RunJournal(null, "d", "{}", 0, dryQueues, _ => null);
        Assert.That(Drive(stored, storedQueues, 100), Is.EqualTo(Drive(dry, dryQueues, 100)));
        Assert.That(dry.Writer, Is.Null);
    }
}
