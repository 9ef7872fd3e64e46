using System.Globalization;
using IctEngine.Bridge;

namespace IctEngine.Host.Operations;

/// <summary>
/// Probes for <see cref="HealthRegistry.Register"/>. Each takes its input as a small delegate, so the host can wire
/// them to whatever owns the value (the ring, a stage, the journal) without this layer knowing those types.
/// </summary>
public static class HealthChecks
{
    /// <summary>Connected: healthy; disconnected: degraded (the EA reconnects by itself); stopped: unhealthy.</summary>
    public static Func<ComponentHealth> BridgeConnection(Func<BridgeConnectionState> state) => () => state() switch
    {
        BridgeConnectionState.Connected => new ComponentHealth("", HealthStatus.Healthy, "terminal connected"),
        BridgeConnectionState.Disconnected => new ComponentHealth("", HealthStatus.Degraded, "no terminal session (waiting for the EA to reconnect)"),
        _ => new ComponentHealth("", HealthStatus.Unhealthy, "bridge listener stopped"),
    };

    /// <summary>
    /// A value compared with two thresholds (higher is worse): ring occupancy, stage lag, journal backlog, memory.
    /// </summary>
    public static Func<ComponentHealth> Threshold(Func<double> value, double degradedAt, double unhealthyAt, string unit)
    {
        return () =>
        {
            var v = value();
            var status = v >= unhealthyAt ? HealthStatus.Unhealthy : v >= degradedAt ? HealthStatus.Degraded : HealthStatus.Healthy;
            return new ComponentHealth("", status, string.Create(CultureInfo.InvariantCulture, $"{v:0.##} {unit} (degraded at {degradedAt:0.##}, unhealthy at {unhealthyAt:0.##})"));
        };
    }

    /// <summary>
    /// Seconds since the last tick (from <see cref="Environment.TickCount64"/> stamps, 0 = never); the market being
    /// closed makes this degrade at weekends, which is why the thresholds are the operator's choice.
    /// </summary>
    public static Func<ComponentHealth> FeedFreshness(Func<long> lastTickAtTickCount, double degradedSeconds, double unhealthySeconds)
    {
        var threshold = Threshold(() =>
        {
            var last = lastTickAtTickCount();
            return last == 0 ? double.PositiveInfinity : (Environment.TickCount64 - last) / 1000d;
        }, degradedSeconds, unhealthySeconds, "s since the last tick");
        return threshold;
    }

    /// <summary>Managed heap plus working set against limits in MiB.</summary>
    public static Func<ComponentHealth> Memory(double degradedMiB, double unhealthyMiB) =>
        Threshold(() => Environment.WorkingSet / (1024d * 1024d), degradedMiB, unhealthyMiB, "MiB working set");

    /// <summary>GC pause time as a percentage of wall time since the previous evaluation.</summary>
    public static Func<ComponentHealth> GcPauses(double degradedPercent, double unhealthyPercent)
    {
        var lastPause = GC.GetTotalPauseDuration();
        var lastAt = Environment.TickCount64;
        return Threshold(() =>
        {
            var pause = GC.GetTotalPauseDuration();
            var now = Environment.TickCount64;
            var wall = Math.Max(1, now - lastAt);
            var percent = (pause - lastPause).TotalMilliseconds * 100d / wall;
            lastPause = pause;
            lastAt = now;
            return percent;
        }, degradedPercent, unhealthyPercent, "% of time in GC pauses");
    }
}
