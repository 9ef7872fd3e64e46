namespace IctEngine.Bench.Ring;

/// <summary>
/// One run of a ring harness row: its rate (events/s; for latency rows also its p50) and the slower of the two
/// core-to-core handoff probes taken just before and just after it (one way, ns).
/// </summary>
public sealed record RingRun(double EventsPerSecond, double HandoffNs, double? P50Ns = null);
