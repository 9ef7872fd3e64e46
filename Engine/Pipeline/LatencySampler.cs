using System.Diagnostics;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace IctEngine.Pipeline;

/// <summary>
/// Per-stage latency from a slot's publication (<see cref="EngineEvent.PublishedAt"/>) to the end of each stage,
/// sampled one event in <c>2^sampleShift</c> so that measuring costs the hot path almost nothing. Each stage's
/// histogram is written only by that stage's thread; read them after the pipeline has drained. The clock read
/// here is the real one and never feeds a decision, so determinism holds.
/// </summary>
public sealed class LatencySampler
{
    private readonly LongHistogram[] _histograms;
    private readonly long _mask;
    private readonly double _nanosPerTick = 1e9 / Stopwatch.Frequency;

    public LatencySampler(IReadOnlyList<string> stageNames, int sampleShift = 6)
    {
        StageNames = stageNames;
        _mask = (1L << sampleShift) - 1;
        _histograms = new LongHistogram[stageNames.Count];
        for (var i = 0; i < _histograms.Length; i++)
        {
            // One hour in nanoseconds, three significant digits.
            _histograms[i] = new LongHistogram(3_600_000_000_000L, 3);
        }
    }

    public IReadOnlyList<string> StageNames { get; }

    /// <summary>Records the latency of <paramref name="stage"/> for this slot if the sequence is sampled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(int stage, long sequence, long publishedAt)
    {
        if ((sequence & _mask) != 0 || publishedAt == 0)
        {
            return;
        }

        RecordNow(stage, publishedAt);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordNow(int stage, long publishedAt)
    {
        var nanos = (long)((Stopwatch.GetTimestamp() - publishedAt) * _nanosPerTick);
        _histograms[stage].RecordValue(nanos < 0 ? 0 : nanos);
    }

    public HistogramBase Histogram(int stage) => _histograms[stage];

    /// <summary>Percentiles per stage, in nanoseconds.</summary>
    public IReadOnlyList<StageLatency> Snapshot()
    {
        var result = new List<StageLatency>(_histograms.Length);
        for (var i = 0; i < _histograms.Length; i++)
        {
            var h = _histograms[i];
            result.Add(h.TotalCount == 0
                ? new StageLatency(StageNames[i], 0, 0, 0, 0, 0, 0)
                : new StageLatency(StageNames[i], h.TotalCount,
                    h.GetValueAtPercentile(50), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9),
                    h.GetValueAtPercentile(99.99), h.GetMaxValue()));
        }

        return result;
    }
}
