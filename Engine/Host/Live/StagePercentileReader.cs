using HdrHistogram;
using IctEngine.Pipeline;

namespace IctEngine.Host.Live;

/// <summary>
/// Reads a stage's p99 (publication to the end of the stage) while the stage thread keeps recording. HdrHistogram's
/// readers throw when the counts change under them, so the live histogram is first added into a scratch copy (adding
/// walks the counts array without that check; a sample landing mid-copy is harmless). The scratch histograms are
/// allocated once: a fresh copy per read was ~256 KiB per stage, several times a second, which the soak took for a
/// per-tick leak. Reads come from the operations timer and HTTP threads, so they are serialised.
/// </summary>
public sealed class StagePercentileReader
{
    private readonly LatencySampler _latency;
    private readonly LongHistogram[] _scratch;
    private readonly Lock _lock = new();

    public StagePercentileReader(LatencySampler latency)
    {
        _latency = latency;
        _scratch = new LongHistogram[latency.StageNames.Count];
        for (var i = 0; i < _scratch.Length; i++)
        {
            var source = latency.SincePublication(i);
            _scratch[i] = new LongHistogram(source.HighestTrackableValue, source.NumberOfSignificantValueDigits);
        }
    }

    /// <summary>The stage's p99 in ns; -1 when nothing was sampled yet. Allocates nothing.</summary>
    public long P99Ns(int stage)
    {
        lock (_lock)
        {
            var copy = _scratch[stage];
            copy.Reset();
            copy.Add(_latency.SincePublication(stage));
            return copy.TotalCount == 0 ? -1 : copy.GetValueAtPercentile(99);
        }
    }
}
