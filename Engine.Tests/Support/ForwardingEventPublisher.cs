using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>
/// Breaks the construction cycle feed → publisher → broker → feed the way the live host does: the feed is built with
/// this, and <see cref="Target"/> is set once the real publisher exists.
/// </summary>
public sealed class ForwardingEventPublisher : IEventPublisher
{
    public IEventPublisher Target { get; set; } = new NullEventPublisher();

    public void PublishTick(in Tick tick) => Target.PublishTick(in tick);

    public void PublishReport(in BrokerReport report) => Target.PublishReport(in report);
}
