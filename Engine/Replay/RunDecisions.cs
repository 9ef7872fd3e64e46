using IctEngine.Core;
using IctEngine.Journal;

namespace IctEngine.Replay;

/// <summary>Reads a run's journaled decisions back from a store, in journal (position) order.</summary>
public static class RunDecisions
{
    private const int PageSize = 8192;

    public static IEnumerable<Decision> Read(IEventStore store, string runId)
    {
        long from = 1;
        while (true)
        {
            var page = store.ReadAll(from, PageSize, runId);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var recorded in page)
            {
                from = recorded.Position + 1;
                if (TryDecode(recorded, out var decision))
                {
                    yield return decision;
                }
            }
        }
    }

    /// <summary>Decodes a recorded event if it is a decision (run metadata events are JSON and are skipped).</summary>
    public static bool TryDecode(RecordedEvent recorded, out Decision decision)
    {
        decision = default;
        if (!JournalEventTypes.TryParse(recorded.Type, out var type)
            || type is DecisionType.RunStarted or DecisionType.RunCompleted)
        {
            return false;
        }

        if (!DecisionCodec.TryDecode(recorded.Payload, out decision, out _, out var error))
        {
            throw new InvalidDataException(
                $"Event {recorded.Position} ({recorded.Type}) in stream {recorded.Stream} is not a valid decision: {error}.");
        }

        return true;
    }
}
