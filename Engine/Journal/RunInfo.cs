namespace IctEngine.Journal;

/// <summary>A journaled run: when it started and with what configuration, and its summary once completed.</summary>
public sealed record RunInfo(
    string RunId,
    long StartedNs,
    string ConfigurationJson,
    long? CompletedNs,
    string? SummaryJson,
    IReadOnlyList<StreamInfo> Streams)
{
    /// <summary>Events in all the run's streams.</summary>
    public long EventCount
    {
        get
        {
            long count = 0;
            foreach (var stream in Streams)
            {
                count += stream.Version + 1;
            }

            return count;
        }
    }
}
