using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IctEngine.Journal;

namespace IctEngine.Replay;

/// <summary>
/// Named baselines kept in the event store itself, one stream per name (<c>baseline-NAME</c>); saving again
/// appends a new version, and the latest version is the baseline.
/// </summary>
public static class BaselineStore
{
    public const string EventType = "BaselineSaved";

    public static string StreamOf(string name) => "baseline-" + name;

    public static void Save(IEventStore store, string name, RunBaseline baseline, long timeNs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = JsonSerializer.Serialize(new SavedBaseline(name, baseline.RunId, baseline.Metrics), ReplayManifest.JsonOptions);
        var batch = new EventBatch();
        var s = batch.AddStream(StreamOf(name), ExpectedVersion.Any);
        var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + timeNs + "\n" + json)).AsSpan(0, 16));
        batch.Add(s, new EventData(id, EventType, Encoding.UTF8.GetBytes(json), new EventMetadata(baseline.RunId, 0, 0), timeNs));
        store.Append(batch);
    }

    public static RunBaseline Load(IEventStore store, string name)
    {
        var last = store.ReadStreamBackwards(StreamOf(name), -1, 1);
        if (last.Count == 0)
        {
            throw new InvalidDataException($"There is no baseline named '{name}' in {store.Description}.");
        }

        var saved = JsonSerializer.Deserialize<SavedBaseline>(last[0].Payload, ReplayManifest.JsonOptions)
            ?? throw new InvalidDataException($"Baseline '{name}' is empty.");
        return new RunBaseline { RunId = saved.RunId, Metrics = saved.Metrics };
    }

    private sealed record SavedBaseline(string Name, string RunId, IReadOnlyList<BaselineMetric> Metrics);
}
