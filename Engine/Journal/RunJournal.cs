using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// Everything a run needs to journal its decisions, wired together: records <c>RunStarted</c>, owns the run's
/// <see cref="DecisionHasher"/>, <see cref="JournalWriter"/> and <see cref="JournalStage"/> (put
/// <see cref="Stage"/> last on the ring), and at the end flushes and records <c>RunCompleted</c>.
/// Without a store it only hashes (a dry run still has a <c>decisionsHash</c>). Typical use:
/// <code>
/// using var journal = new RunJournal(store, runId, configJson, startNs, decisionQueues, id => catalog[id].Symbol);
/// ... run the pipeline with journal.Stage as its last handler, stop it ...
/// journal.Flush();                       // everything published is acknowledged
/// var hash = journal.DecisionsHash;      // into the summary
/// journal.Complete(summaryJson, endNs);  // RunCompleted
/// </code>
/// </summary>
public sealed class RunJournal : IDisposable
{
    private readonly IEventStore? _store;
    private readonly JournalWriter? _writer;
    private bool _completed;

    /// <param name="store">Where to journal; null to only hash.</param>
    /// <param name="runId">The run id: a new one (<c>RunStarted</c> fails with <see cref="WrongExpectedVersionException"/> if taken).</param>
    /// <param name="configurationJson">The run's configuration, stored as <c>RunStarted</c>'s payload.</param>
    /// <param name="startTimeNs">The run's start on the engine clock (first tick time in replay).</param>
    /// <param name="decisionQueues">The four stages' decision queues, indexed by <see cref="Pipeline.PipelineStage"/>.</param>
    /// <param name="symbolName">Symbol of an instrument id, for the per-symbol stream names.</param>
    /// <param name="options">Writer tuning (its <c>RunId</c> and <c>SymbolName</c> are replaced by the arguments).</param>
    public RunJournal(
        IEventStore? store,
        string runId,
        string configurationJson,
        long startTimeNs,
        SpscQueue<Decision>[] decisionQueues,
        Func<int, string?> symbolName,
        JournalWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        RunId = runId;
        _store = store;
        Hasher = new DecisionHasher();
        if (store is not null)
        {
            RunCatalog.RecordStarted(store, runId, configurationJson, startTimeNs);
            _writer = new JournalWriter(store, (options ?? new JournalWriterOptions { RunId = runId }) with { RunId = runId, SymbolName = symbolName });
        }

        Stage = new JournalStage(decisionQueues, _writer, Hasher);
    }

    public string RunId { get; }

    /// <summary>The journal stage: the last handler on the ring.</summary>
    public JournalStage Stage { get; }

    public DecisionHasher Hasher { get; }

    /// <summary>The writer (null in a dry run): <c>Published</c>, <c>Appended</c>, <c>Backlog</c>, <c>Fault</c> for health and metrics.</summary>
    public JournalWriter? Writer => _writer;

    /// <summary>The run's <c>decisionsHash</c> so far (final once the pipeline has stopped).</summary>
    public string DecisionsHash => Hasher.ToHex();

    /// <summary>Waits until everything published is acknowledged (after the pipeline stopped, or on the stage thread).</summary>
    public void Flush() => _writer?.Flush();

    /// <summary>Flushes and records <c>RunCompleted</c> with the summary.</summary>
    public void Complete(string summaryJson, long endTimeNs)
    {
        Flush();
        if (_store is not null && !_completed)
        {
            RunCatalog.RecordCompleted(_store, RunId, summaryJson, endTimeNs);
        }

        _completed = true;
    }

    /// <summary>Flushes (unless faulted) and stops the writer; does not record completion and does not dispose the store.</summary>
    public void Dispose()
    {
        _writer?.Dispose();
        Hasher.Dispose();
    }
}
