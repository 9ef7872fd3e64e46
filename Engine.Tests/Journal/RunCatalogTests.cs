using IctEngine.Core;
using IctEngine.Journal;
using IctEngine.Tests.Support;
using NUnit.Framework;

namespace IctEngine.Tests.Journal;

[TestFixture]
public sealed class RunCatalogTests
{
    [Test]
    public void ListRuns_StartedAndCompletedRuns_ReturnsBothWithStreams()
    {
        using var temp = new TempStore();
        RunCatalog.RecordStarted(temp.Store, "b", "{\"x\":2}", 200);
        RunCatalog.RecordStarted(temp.Store, "a", "{\"x\":1}", 100);
        using (var writer = new JournalWriter(temp.Store, new JournalWriterOptions { RunId = "a", SymbolName = _ => "EURUSD" }))
        {
            writer.Add(new Decision { Type = DecisionType.BarClosed, SymbolId = 0, TimeNs = 150 });
        }

        RunCatalog.RecordCompleted(temp.Store, "a", "{\"trades\":0}", 300);
        temp.Store.Append(EventStoreConformanceTests.Batch("run-not-a-run", ExpectedVersion.Any, EventStoreConformanceTests.Event()));

        var runs = RunCatalog.ListRuns(temp.Store);
        Assert.That(runs.Select(r => r.RunId), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(runs[0].ConfigurationJson, Is.EqualTo("{\"x\":1}"));
        Assert.That(runs[0].SummaryJson, Is.EqualTo("{\"trades\":0}"));
        Assert.That(runs[0].CompletedNs, Is.EqualTo(300));
        Assert.That(runs[0].Streams.Select(s => s.Name), Is.EqualTo(new[] { "run-a", "run-a-EURUSD" }));
        Assert.That(runs[0].EventCount, Is.EqualTo(3));
        Assert.That(runs[1].CompletedNs, Is.Null);
    }

    [Test]
    public void RecordStarted_RunIdTaken_ThrowsWrongExpectedVersion()
    {
        using var temp = new TempStore();
        RunCatalog.RecordStarted(temp.Store, "dup", "{}", 1);
        Assert.Throws<WrongExpectedVersionException>(() => RunCatalog.RecordStarted(temp.Store, "dup", "{\"other\":1}", 2));
    }

    [Test]
    public void ReadDecisions_Run_ReturnsItsDecisionsInJournalOrderWithoutRunEvents()
    {
        using var temp = new TempStore();
        RunCatalog.RecordStarted(temp.Store, "a", "{}", 1);
        RunCatalog.RecordStarted(temp.Store, "b", "{}", 1);
        using (var a = new JournalWriter(temp.Store, new JournalWriterOptions { RunId = "a", BufferCapacity = 7 }))
        using (var b = new JournalWriter(temp.Store, new JournalWriterOptions { RunId = "b" }))
        {
            for (var i = 0; i < 100; i++)
            {
                a.Add(DecisionSamples.Make(i, symbolId: (i % 3) - 1));
                b.Add(DecisionSamples.Make(1000 + i));
                if (i % 10 == 0)
                {
                    a.Commit();
                    b.Commit();
                }
            }
        }

        RunCatalog.RecordCompleted(temp.Store, "a", "{}", 2);
        var decisions = RunCatalog.ReadDecisions(temp.Store, "a", pageSize: 16).Select(x => x.Decision).ToList();
        Assert.That(decisions, Has.Count.EqualTo(100));
        for (var i = 0; i < 100; i++)
        {
            Assert.That(DecisionSamples.AreEqual(decisions[i], DecisionSamples.Make(i, symbolId: (i % 3) - 1)), Is.True, $"decision {i}");
        }
    }

    [Test]
    public void FindRun_Unknown_ReturnsNull()
    {
        using var temp = new TempStore();
        Assert.That(RunCatalog.FindRun(temp.Store, "nope"), Is.Null);
    }
}
