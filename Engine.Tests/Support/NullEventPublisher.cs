using IctEngine.Bridge;
using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Tests.Support;

/// <summary>An <see cref="IEventPublisher"/> that only counts, for allocation tests.</summary>
public sealed class NullEventPublisher : IEventPublisher
{
    public long Ticks { get; private set; }

    public long Reports { get; private set; }

    public void PublishTick(in Tick tick) => Ticks++;

    public void PublishReport(in BrokerReport report) => Reports++;
}
