using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>
/// What the live host does with the feed's output, minus the ring: broker reports go through
/// <see cref="Mt5Broker.Translate"/> (set <see cref="Broker"/> once it exists), then everything is recorded.
/// </summary>
public sealed class TranslatingEventPublisher : IEventPublisher
{
    public RecordingEventPublisher Recorded { get; } = new();

    public Mt5Broker? Broker { get; set; }

    public void PublishTick(in Tick tick) => Recorded.PublishTick(in tick);

    public void PublishReport(in BrokerReport report)
    {
        var translated = report;
        if (Broker is null || Broker.Translate(ref translated))
        {
            Recorded.PublishReport(in translated);
        }
    }
}
