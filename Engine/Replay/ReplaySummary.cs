using System.Text.Json;
using System.Text.Json.Serialization;
using IctEngine.Pipeline;

namespace IctEngine.Replay;

/// <summary>
/// The outcome of a replay, as printed for people and written with <c>--summary-json</c>. Decision figures come
/// from the journaled decisions (<see cref="RunMetrics"/>); tick counts, throughput and latency are measured by
/// the runner with the real clock, outside the decision path.
/// </summary>
public sealed class ReplaySummary
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public required string RunId { get; init; }

    public required string Store { get; init; }

    public required IReadOnlyList<string> Symbols { get; init; }

    public required string Threading { get; init; }

    public long TicksRead { get; init; }

    public long TicksAccepted { get; init; }

    public long TicksRejected { get; init; }

    public IReadOnlyDictionary<string, long> RejectsByReason { get; init; } = new Dictionary<string, long>();

    public long BadLines { get; init; }

    public long FeedGaps { get; init; }

    public string? FirstTickUtc { get; init; }

    public string? LastTickUtc { get; init; }

    public long Bars { get; init; }

    public IReadOnlyDictionary<string, long> StructureEvents { get; init; } = new Dictionary<string, long>();

    public long Signals { get; init; }

    public long SignalsExpired { get; init; }

    public long SignalsInvalidated { get; init; }

    public long VerdictsApproved { get; init; }

    public long VerdictsDenied { get; init; }

    public IReadOnlyDictionary<string, long> DenialsByReason { get; init; } = new Dictionary<string, long>();

    public long Orders { get; init; }

    public long OrdersRejected { get; init; }

    public long OrdersCancelled { get; init; }

    public long OrdersExpired { get; init; }

    public long Fills { get; init; }

    public long Trades { get; init; }

    public long Wins { get; init; }

    public decimal WinRate { get; init; }

    public decimal NetPnl { get; init; }

    public decimal GrossProfit { get; init; }

    public decimal GrossLoss { get; init; }

    public decimal Commission { get; init; }

    public decimal ProfitFactor { get; init; }

    public decimal MaxDrawdown { get; init; }

    public decimal MaxDrawdownPercent { get; init; }

    public decimal FinalBalance { get; init; }

    public decimal FillRatio { get; init; }

    public decimal MeanSlippagePoints { get; init; }

    public long MaxSlippagePoints { get; init; }

    public double SignalToFillP50Ms { get; init; }

    public double SignalToFillP99Ms { get; init; }

    public long Decisions { get; init; }

    public required string DecisionsHash { get; init; }

    public double ElapsedSeconds { get; init; }

    public double TicksPerSecond { get; init; }

    /// <summary>Sampled time from a tick's publication to the end of each stage (includes waiting in the ring).</summary>
    public IReadOnlyList<StageLatency> StageLatency { get; init; } = [];

    /// <summary>Sampled service time of each stage per slot: where the time goes.</summary>
    public IReadOnlyList<StageLatency> StageService { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
