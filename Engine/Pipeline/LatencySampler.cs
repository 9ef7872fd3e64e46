using System.Diagnostics;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace IctEngine.Pipeline;

/// <summary>
/// Sampled stage timings, one event in <c>2^sampleShift</c>: for each stage, the time from the slot's publication
/// (<see cref="EngineEvent.PublishedAt"/>) to the end of the stage (what a tick waits for a decision), and the
/// stage's own service time for that slot (where the time goes). Each stage's histograms are written only by that
/// stage's thread; read them after the pipeline has drained. The real clock read here never feeds a decision.
/// </summary>
public sealed class LatencySampler
{
    private readonly LongHistogram[] _sincePublication;
    private readonly LongHistogram[] _service;
    private readonly long _mask;
    private readonly double _nanosPerTick = 1e9 / Stopwatch.Frequency;

    public LatencySampler(IReadOnlyList<string> stageNames, int sampleShift = 6)
    {
        StageNames = stageNames;
        _mask = (1L << sampleShift) - 1;
        _sincePublication = new LongHistogram[stageNames.Count];
        _service = new LongHistogram[stageNames.Count];
        for (var i = 0; i < stageNames.Count; i++)
        {
            // Up to one hour in nanoseconds, three significant digits.
            _sincePublication[i] = new LongHistogram(3_600_000_000_000L, 3);
            _service[i] = new LongHistogram(3_600_000_000_000L, 3);
        }
    }

    public IReadOnlyList<string> StageNames { get; }

    /// <summary>True when this slot's timings are recorded (its publication time was taken).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsSampled(long sequence, long publishedAt) => (sequence & _mask) == 0 && publishedAt != 0;

    /// <summary>Records one sampled slot: <paramref name="startedAt"/> is when the stage began it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Record(int stage, long publishedAt, long startedAt)
    {
        var now = Stopwatch.GetTimestamp();
        _sincePublication[stage].RecordValue(ToNanos(now - publishedAt));
        _service[stage].RecordValue(ToNanos(now - startedAt));
    }

    /// <summary>
    /// Forgets everything recorded so far, e.g. a warm-up's timings. Call it only while no stage records (the
    /// pipeline drained and no publisher running): the histograms are not thread-safe.
    /// </summary>
    public void Reset()
    {
        for (var stage = 0; stage < _sincePublication.Length; stage++)
        {
            _sincePublication[stage].Reset();
            _service[stage].Reset();
        }
    }

    public HistogramBase SincePublication(int stage) => _sincePublication[stage];

    public HistogramBase Service(int stage) => _service[stage];

    /// <summary>Percentiles per stage from publication to the end of the stage, in nanoseconds.</summary>
    public IReadOnlyList<StageLatency> Snapshot() => Snapshot(_sincePublication);

    /// <summary>Percentiles of each stage's own service time per slot, in nanoseconds.</summary>
    public IReadOnlyList<StageLatency> ServiceSnapshot() => Snapshot(_service);

    private IReadOnlyList<StageLatency> Snapshot(LongHistogram[] histograms)
    {
        var result = new List<StageLatency>(histograms.Length);
        for (var i = 0; i < histograms.Length; i++)
        {
            var h = histograms[i];
            result.Add(h.TotalCount == 0
                ? new StageLatency(StageNames[i], 0, 0, 0, 0, 0, 0)
                : new StageLatency(StageNames[i], h.TotalCount,
                    h.GetValueAtPercentile(50), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9),
                    h.GetValueAtPercentile(99.99), h.GetMaxValue(), Math.Round(h.GetMean(), 1)));
        }

        return result;
    }

    private long ToNanos(long ticks) => ticks <= 0 ? 0 : (long)(ticks * _nanosPerTick);
}
