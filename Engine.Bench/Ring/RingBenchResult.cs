namespace IctEngine.Bench.Ring;

/// <summary>
/// One row of the ring harness (serialised camelCase; latency fields null where not measured). The figures are
/// medians over <see cref="Runs"/>; <see cref="HandoffNs"/> is the median core-to-core handoff probed around the
/// runs and <see cref="NearEventsPerSecond"/> the median of the runs taken while the two vCPUs were placed near
/// each other (for latency rows also their median p50; null when none was), because on this VM the placement moves and one-publish-per-event rates follow it.
/// </summary>
public sealed record RingBenchResult(
    string Scenario,
    string Implementation,
    string WaitStrategy,
    double EventsPerSecond,
    double? P50Ns,
    double? P99Ns,
    double? P999Ns,
    double? P9999Ns,
    double? MaxNs,
    double? HandoffNs = null,
    double? NearEventsPerSecond = null,
    double? NearP50Ns = null,
    int DistantRuns = 0,
    IReadOnlyList<RingRun>? Runs = null);
