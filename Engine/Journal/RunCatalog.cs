using System.Security.Cryptography;
using System.Text;
using IctEngine.Core;

namespace IctEngine.Journal;

/// <summary>
/// Run-level events: <c>RunStarted</c> (first event of <c>run-{runId}</c>, payload = the configuration as UTF-8
/// JSON) and <c>RunCompleted</c> (payload = the summary JSON), and listing the runs a store holds. Off the hot path.
/// </summary>
public static class RunCatalog
{
    /// <summary>Starts a run: fails with <see cref="WrongExpectedVersionException"/> when the run id is already taken.</summary>
    public static AppendResult RecordStarted(IEventStore store, string runId, string configurationJson, long timeNs) =>
        AppendJson(store, runId, JournalEventTypes.RunStarted, configurationJson, timeNs, ExpectedVersion.NoStream);

    /// <summary>Completes a run (after its journal writer flushed), with its summary.</summary>
    public static AppendResult RecordCompleted(IEventStore store, string runId, string summaryJson, long timeNs) =>
        AppendJson(store, runId, JournalEventTypes.RunCompleted, summaryJson, timeNs, ExpectedVersion.Any);

    /// <summary>Every run in the store, oldest first by start time.</summary>
    public static IReadOnlyList<RunInfo> ListRuns(IEventStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var streams = store.ListStreams(JournalStreams.Prefix);
        var runs = new List<RunInfo>();
        foreach (var stream in streams)
        {
            var first = store.ReadStreamForwards(stream.Name, 0, 1);
            if (first.Count == 0 || first[0].Type != JournalEventTypes.RunStarted)
            {
                continue;
            }

            var runId = first[0].Metadata.RunId;
            if (stream.Name != JournalStreams.Run(runId))
            {
                continue;
            }

            var last = store.ReadStreamBackwards(stream.Name, -1, 1);
            var completed = last.Count == 1 && last[0].Type == JournalEventTypes.RunCompleted ? last[0] : null;
            var symbolPrefix = JournalStreams.Symbol(runId, string.Empty);
            var runStreams = new List<StreamInfo> { stream };
            foreach (var other in streams)
            {
                if (other.Name.StartsWith(symbolPrefix, StringComparison.Ordinal))
                {
                    runStreams.Add(other);
                }
            }

            runs.Add(new RunInfo(
                runId,
                first[0].TimeNs,
                Encoding.UTF8.GetString(first[0].Payload),
                completed?.TimeNs,
                completed is null ? null : Encoding.UTF8.GetString(completed.Payload),
                runStreams));
        }

        runs.Sort((a, b) => a.StartedNs != b.StartedNs ? a.StartedNs.CompareTo(b.StartedNs) : string.CompareOrdinal(a.RunId, b.RunId));
        return runs;
    }

    /// <summary>The run, or null when the store has no such run.</summary>
    public static RunInfo? FindRun(IEventStore store, string runId)
    {
        foreach (var run in ListRuns(store))
        {
            if (run.RunId == runId)
            {
                return run;
            }
        }

        return null;
    }

    /// <summary>
    /// The run's decisions in journal order (what its <c>decisionsHash</c> was computed over), decoded, with the
    /// stored event each came from; run events (RunStarted, RunCompleted) are skipped. Reads page by page.
    /// </summary>
    /// <exception cref="InvalidDataException">A decision payload cannot be decoded (corrupt, or written by a newer build).</exception>
    public static IEnumerable<(RecordedEvent Event, Decision Decision)> ReadDecisions(IEventStore store, string runId, int pageSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var position = 1L;
        while (true)
        {
            var page = store.ReadAll(position, pageSize, runId);
            foreach (var e in page)
            {
                if (e.Type is JournalEventTypes.RunStarted or JournalEventTypes.RunCompleted || !JournalEventTypes.TryParse(e.Type, out _))
                {
                    continue;
                }

                if (!DecisionCodec.TryDecode(e.Payload, out var decision, out _, out var error))
                {
                    throw new InvalidDataException(
                        $"{store.Description}: event at position {e.Position} ({e.Stream}@{e.Version}, {e.Type}) has an undecodable payload: {error}.");
                }

                yield return (e, decision);
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            position = page[^1].Position + 1;
        }
    }

    private static AppendResult AppendJson(IEventStore store, string runId, string type, string json, long timeNs, ExpectedVersion expected)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(json);
        var stream = JournalStreams.Run(runId);
        var batch = new EventBatch();
        var s = batch.AddStream(stream, expected);

        // Deterministic id: retrying the same run event is idempotent.
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(type + "\n" + runId + "\n" + json)).AsSpan(0, 16));
        batch.Add(s, new EventData(id, type, Encoding.UTF8.GetBytes(json), new EventMetadata(runId, 0, 0), timeNs));
        store.Append(batch);
        return new AppendResult(batch.NextExpectedVersion(s), batch.LastPosition);
    }
}
