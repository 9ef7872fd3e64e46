using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// Where the bridge delivers what it receives: the host implements it over the ring (claim a slot, fill it, publish).
/// Calls come from one thread at a time (the current session's reader, or the order client's caller for local
/// rejections); implementations must not block for long and must not keep references to the arguments.
/// </summary>
public interface IEventPublisher
{
    void PublishTick(in Tick tick);

    void PublishReport(in BrokerReport report);
}
