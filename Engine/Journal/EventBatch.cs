namespace IctEngine.Journal;

/// <summary>
/// Events for one atomic append that may span several streams (the journal's group commit writes a run's
/// decisions to its per-symbol streams in one transaction). Events keep the order they were added in, so their
/// global positions follow that order. Reusable: <see cref="Clear"/> keeps the storage.
/// </summary>
public sealed class EventBatch
{
    private readonly List<string> _streams = [];
    private readonly List<ExpectedVersion> _expected = [];
    private readonly List<long> _nextVersions = [];
    private EventData[] _events = new EventData[256];
    private int[] _streamOfEvent = new int[256];

    public int StreamCount => _streams.Count;

    public int Count { get; private set; }

    /// <summary>Global position of the last event of the batch, after a successful append.</summary>
    public long LastPosition { get; internal set; }

    /// <summary>True when the last append found every event already stored (an idempotent retry).</summary>
    public bool WasIdempotentRetry { get; internal set; }

    /// <summary>Declares a stream the batch writes to; returns its index for <see cref="Add"/>.</summary>
    public int AddStream(string stream, ExpectedVersion expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        if (_streams.Contains(stream))
        {
            throw new ArgumentException($"Stream '{stream}' is already part of this batch.", nameof(stream));
        }

        _streams.Add(stream);
        _expected.Add(expected);
        _nextVersions.Add(-1);
        return _streams.Count - 1;
    }

    public void Add(int streamIndex, in EventData data)
    {
        if ((uint)streamIndex >= (uint)_streams.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(streamIndex));
        }

        if (Count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
            Array.Resize(ref _streamOfEvent, _streamOfEvent.Length * 2);
        }

        _events[Count] = data;
        _streamOfEvent[Count] = streamIndex;
        Count++;
    }

    public void Clear()
    {
        _streams.Clear();
        _expected.Clear();
        _nextVersions.Clear();
        Array.Clear(_events, 0, Count);
        Count = 0;
        LastPosition = 0;
        WasIdempotentRetry = false;
    }

    public string Stream(int streamIndex) => _streams[streamIndex];

    public ExpectedVersion Expected(int streamIndex) => _expected[streamIndex];

    /// <summary>The stream's version after a successful append (its next expected version).</summary>
    public long NextExpectedVersion(int streamIndex) => _nextVersions[streamIndex];

    public ref readonly EventData Event(int index) => ref _events[index];

    public int StreamOf(int index) => _streamOfEvent[index];

    internal void SetNextVersion(int streamIndex, long version) => _nextVersions[streamIndex] = version;

    internal void ResetResults()
    {
        for (var i = 0; i < _nextVersions.Count; i++)
        {
            _nextVersions[i] = -1;
        }

        LastPosition = 0;
        WasIdempotentRetry = false;
    }
}
