using IctEngine.Core;
using IctEngine.Smc;
using IctEngine.Smc.Bars;
using IctEngine.Smc.Structure;

namespace IctEngine.Tests.Support;

/// <summary>Runs bars through one <see cref="SmcSeries"/> and keeps every decision it emitted, in order.</summary>
public sealed class DecisionLog
{
    private readonly SpscQueue<Decision> _queue = new(1 << 14);

    public DecisionLog(SmcOptions options, int timeframeSeconds = 900, int digits = 5)
    {
        Emitter = new DecisionEmitter(_queue, new SmcCounts());
        Series = new SmcSeries(0, digits, 0, timeframeSeconds, options, Emitter);
    }

    public DecisionEmitter Emitter { get; }

    public SmcSeries Series { get; }

    public List<Decision> Decisions { get; } = [];

    public DecisionLog Feed(IEnumerable<Bar> bars)
    {
        long seq = 0;
        foreach (var bar in bars)
        {
            Emitter.Begin(bar.EndTimeNs, seq++);
            Series.OnBarClosed(in bar);
            while (_queue.TryRead(out var d))
            {
                Decisions.Add(d);
            }
        }

        return this;
    }

    public IEnumerable<Decision> Of(DecisionType type) => Decisions.Where(d => d.Type == type);
}
