using IctEngine.Core;
using IctEngine.Ticks;

namespace IctEngine.Bridge;

/// <summary>
/// Where the bridge delivers what it receives: the host implements it over the ring (claim a slot, fill it, publish).
/// The feed calls it from the current session's reader thread; sessions never overlap, so there is one producer at a
/// time (a new session's thread starts after the previous one ended). <see cref="BridgeOrderClient"/> may be given a
/// publisher for local rejections, called on the execution thread. Implementations must not block for long and must
/// not keep references to the arguments.
/// </summary>
public interface IEventPublisher
{
    void PublishTick(in Tick tick);

    void PublishReport(in BrokerReport report);

    /// <summary>
    /// A new bridge session was authenticated; its snapshot (specs, account, positions, orders) follows and its ticks
    /// come after that. The live host uses it to reconcile again after every reconnect. Called on the new session's
    /// thread before any of its frames.
    /// </summary>
    void SessionStarted()
    {
    }
}
