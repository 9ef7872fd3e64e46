namespace IctEngine.Bench.Ring;

/// <summary>One row of the ring harness (serialised camelCase; latency fields null where not measured).</summary>
public sealed record RingBenchResult(
    string Scenario,
    string Implementation,
    string WaitStrategy,
    double EventsPerSecond,
    double? P50Ns,
    double? P99Ns,
    double? P999Ns,
    double? P9999Ns,
    double? MaxNs);
